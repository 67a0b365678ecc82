//! Extraction's rule table: each case is a small page built to test one
//! rule, with the text the article must and must not contain.

use crate::text::html::html5::read_page;

/// Four paragraphs of prose, enough to be a story (over 500 characters).
fn story(prefix: &str) -> String {
    (1..=4)
        .map(|k| format!("<p>{prefix} paragraph {k} tells the reader what happened, where, when and why, with enough words and commas, to count as prose in any page.</p>"))
        .collect()
}

/// `(rule, page, must contain, must not contain)`.
fn cases() -> Vec<(&'static str, String, &'static str, &'static str)> {
    let s = story("Story");
    vec![
        ("menus and footers go", format!("<nav><a href=/>Home</a><a href=/w>World</a></nav><div class=menu><a>Sport</a></div><article>{s}</article><footer>Copyright Daily</footer>"), "Story paragraph 2", "Copyright"),
        ("an unlikely class goes", format!("<div class=content>{s}</div><div class=sidebar><p>Most read: a list of other stories, with commas, that are not this one at all, really.</p></div>"), "Story paragraph 3", "Most read"),
        ("comments go", format!("<div id=story>{s}</div><div id=comments>{}</div>", story("Comment")), "Story paragraph 1", "Comment paragraph"),
        ("hidden nodes go", format!("<div class=post>{s}<p hidden>Hidden text that nobody sees on the page at all.</p><p style='display: none'>Styled away text that nobody sees either.</p><p aria-hidden=true>Aria hidden text that readers never hear.</p></div>"), "Story paragraph 1", "idden text"),
        ("share bars inside the story go", format!("<article><div class=share-tools><a>Facebook</a><a>Twitter</a></div>{s}</article>"), "Story paragraph 1", "Facebook"),
        ("a link list inside the story goes", format!("<article>{s}<div class=more><a href=/a>Another story headline here</a> <a href=/b>And another story headline</a></div></article>"), "Story paragraph 3", "Another story"),
        ("asides inside the story go", format!("<article>{s}<aside><p>Read more: something else entirely, with commas, in a box, beside.</p></aside></article>"), "Story paragraph 2", "Read more"),
        ("a captioned figure stays", format!("<article>{s}<figure><img src=a.jpg><figcaption>The harbour at dawn, photographed from the pier.</figcaption></figure></article>"), "The harbour at dawn", "{image_2}"),
        ("sibling prose joins the story", format!("<div><div class=body>{s}</div><p>A closing paragraph outside the container that still reads like prose and belongs to it.</p></div>"), "A closing paragraph", "nothing-to-exclude"),
        // quanta-1 of the saved pages: the story in parts of one class
        // between figures, the first part's paragraphs too deep for their
        // score to reach the part (`score::ANCESTOR_LEVELS`).
        ("a part of the story's class joins it", format!("<div><div class=part><section><div><div><div><div><p>The opening part of the story, deep in wrappers, still reads as prose with commas, and the reader wants it.</p></div></div></div></div></section></div><figure><img src=a.jpg></figure><div class=part>{s}</div></div>"), "The opening part", "nothing-to-exclude"),
        // yahoo-3, salon-1, heise and three more of the saved pages: the
        // climb from the story to a better-scoring ancestor stops where a
        // parent falls under a third of the story's own score, as
        // Readability's does, not a third of the last parent's, which let
        // it climb by small steps to a page's player settings and lists.
        ("the climb stops under a third of the story's score", format!("<div><div><p>Captions will look like this, presets, fonts.</p></div><div><div><div>{s}</div></div></div></div>"), "Story paragraph 4", "Captions will look"),
        ("many plain paragraphs outweigh a few lines of commas", {
            let plain: String = (1..=6).map(|k| format!("<p>Plain paragraph {k} tells what happened in the town hall this week and what the council will do about the road next year.</p>")).collect();
            format!("<div><div><div><div>{plain}</div></div></div></div><div><div><div><div><p>Credits: a, b, c, d, e, f, g.</p><p>Tags: h, i, j, k, l, m, n.</p></div></div></div></div>")
        }, "Plain paragraph 6", "Credits"),
        // aktualne and wapo-2 of the saved pages: a lead in a `<div>` of
        // its own beside the story's body reads as a paragraph, as
        // Readability turns such a div into one.
        ("a lead in a div of its own joins the story", format!("<div><div class=lead>The lead of the story, set apart in a block of its own above the body, says what the story says.</div><div class=body>{s}</div></div>"), "The lead of the story", "nothing-to-exclude"),
        ("a data table stays", format!("<article>{s}<table><tr><th>Year</th><th>Votes</th></tr><tr><td>2019</td><td>1,204</td></tr></table></article>"), "2019\n1,204", "nothing-to-exclude"),
        ("the headline is the first line, once", format!("<head><meta property='og:title' content='The Headline Of It'></head><header><h1>The Headline Of It</h1></header><article><h1>The Headline Of It</h1>{s}</article>"), "The Headline Of It\nStory paragraph 1", "Of It\nThe Headline"),
        ("the byline is metadata, not text", format!("<article><p class=byline>By Ann Writer</p>{s}</article>"), "Story paragraph 1", "Ann Writer"),
    ]
}

#[test]
fn the_rule_table() {
    for (rule, page, want, not) in cases() {
        let p = read_page(&page);
        assert!(p.extraction.found, "{rule}: no article found");
        assert!(p.article.text.contains(want), "{rule}: missing {want:?} in\n{}", p.article.text);
        assert!(!p.article.text.contains(not), "{rule}: kept {not:?} in\n{}", p.article.text);
    }
}

#[test]
fn a_page_without_a_story_opens_whole() {
    let p = read_page("<ul><li><a href=/a>One result</a></li><li><a href=/b>Another result</a></li></ul>");
    assert!(!p.extraction.found);
    assert_eq!(p.article, p.whole);
}

#[test]
fn left_out_blocks_are_counted() {
    let page = format!("<nav><a>Home</a></nav><article>{}</article><div class=related><p>One</p><p>Two</p></div>", story("S"));
    let p = read_page(&page);
    // `<nav>` never shows, even in the whole page: only the two related
    // paragraphs count.
    assert_eq!(p.extraction.left_out, 2, "{}", p.article.text);
}

#[test]
fn metadata_from_the_page() {
    let page = format!(
        r#"<html lang="en-GB"><head><title>Quake hits coast | The Daily</title><link rel=canonical href="https://daily.example/quake">
        <meta property="og:site_name" content="The Daily"><meta property="article:published_time" content="2020-03-01T10:00:00Z">
        <meta name="author" content="Ann Writer"></head><body><article>{}</article></body></html>"#,
        story("S")
    );
    let m = read_page(&page).extraction.meta;
    assert_eq!(m.title.as_deref(), Some("Quake hits coast | The Daily"));
    assert_eq!(m.byline.as_deref(), Some("Ann Writer"));
    assert_eq!(m.site.as_deref(), Some("The Daily"));
    assert_eq!(m.published.as_deref(), Some("2020-03-01T10:00:00Z"));
    assert_eq!(m.url.as_deref(), Some("https://daily.example/quake"));
    assert_eq!(m.lang.as_deref(), Some("en-GB"));
}

/// Where an author line is looked for: the article's own header, which the
/// strict pass leaves out as `header` (WordPress's `entry-header`: the
/// saved `firefox-nightly-blog`, `wordpress`, `medicalnewstoday` pages),
/// counts when the page marks the author there (`rel=author`), not for a
/// class alone; and a date line is no byline.
#[test]
fn bylines_in_the_articles_header_and_not_dates() {
    let byline = |page: String| read_page(&page).extraction.meta.byline;
    let s = story("S");
    let header = format!("<article><header class=entry-header><h1>T</h1><a rel=author href=/a>Ann Writer</a></header>{s}</article>");
    assert_eq!(byline(header).as_deref(), Some("Ann Writer"));
    let sidebar = format!("<div class=sidebar><span class=author>Sidebar Person</span></div><article>{s}</article>");
    assert_eq!(byline(sidebar), None);
    let dateline = format!("<article><span class=dateline>Sunday, Feb 1, 2015 11:57 AM UTC</span><span class=byline>Ann Writer</span>{s}</article>");
    assert_eq!(byline(dateline).as_deref(), Some("Ann Writer"));
}

#[test]
fn the_mapped_reduction_reads_the_same_article() {
    use crate::text::html::html5::parse;
    use crate::text::html::mapped::reduce_mapped_planned;
    for (rule, page, _, _) in cases() {
        let dom = parse(&page);
        let p = read_page(&page);
        let m = reduce_mapped_planned(dom.document.clone(), &p.extraction.plan);
        assert_eq!(m.text(), crate::text::normalize(&p.article.text), "{rule}");
    }
}

#[test]
fn the_pages_article_body_overrules_a_louder_container() {
    let story: Vec<String> = (1..=4).map(|k| format!("The council voted on item {k} today and the harbour plan moves ahead as the mayor had hoped for months")).collect();
    let chatter: String = (1..=8)
        .map(|k| format!("<p>Reader {k} writes, at length, that this, that, and the other, are all, in their view, wrong, unfair, or worse, and says so, again, with commas, many, many commas, here.</p>"))
        .collect();
    let body = story.join(" ");
    let page = format!(
        r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"Vote","articleBody":"{body} {body}"}}</script></head>
        <body><div class="x">{}</div><div class="thread">{chatter}</div></body></html>"#,
        story.iter().map(|p| format!("<p>{p}.</p>")).collect::<String>()
    );
    let p = read_page(&page);
    assert!(p.article.text.contains("item 3"), "{}", p.article.text);
    assert!(!p.article.text.contains("Reader 2"), "{}", p.article.text);
    // Without the JSON-LD, the louder block wins: the check is what decides.
    let bare = page.replace("application/ld+json", "text/plain");
    assert!(read_page(&bare).article.text.contains("Reader 2"));
}
