//! The HTML reduction's case table, run against both parsers: html5ever
//! natively (`html5::tests`) and the browser's `DOMParser`
//! (`tests/browser.rs`). Each case is `(name, input, expected text)`.
//! Most are the parsing rules a hand-written scanner gets wrong; a few are
//! the shapes of real news pages.

/// `(name, HTML input, expected reduced text)`.
pub const CASES: &[(&str, &str, &str)] = &[
    ("paragraphs", "<p>One</p><p>Two</p>", "One\nTwo"),
    ("whitespace collapses", "<p>  a \n  b\t c </p>", "a b c"),
    ("br", "a<br>b<br/>c", "a\nb\nc"),
    ("inline kept in line", "<p>a <b>bold</b> <a href='x'>link</a></p>", "a bold link"),
    ("script dropped", "<p>x</p><script>alert(1)</script><p>y</p>", "x\ny"),
    ("script with tag in string", "<script>var s='</p>';</script>z", "z"),
    ("style dropped", "<style>p{color:red}</style>t", "t"),
    ("uppercase tags", "<P>A</P><SCRIPT>bad()</SCRIPT>", "A"),
    ("comment", "a<!-- <p>hidden</p> -->b", "ab"),
    ("entities", "&lt;b&gt; &amp; &quot;q&quot; &#8220;x&#x201D; &mdash;", "<b> & \"q\" “x” —"),
    ("unknown entity literal", "AT&T &bogus; &", "AT&T &bogus; &"),
    ("legacy entity without semicolon", "caf&eacute; &copy 2020", "café © 2020"),
    ("image placeholder", "<p>a</p><img src=x onerror=alert(1)><p>b</p>", "a\n{image_1}\nb"),
    ("lone lt is text", "1 < 2", "1 < 2"),
    ("iframe srcdoc dropped", "<iframe srcdoc='<script>x()</script>'></iframe>ok", "ok"),
    ("quoted gt in attribute", "<a title='a>b'>t</a>", "t"),
    ("pre keeps lines", "<pre>a\n  b</pre>", "a\nb"),
    ("unterminated tag at the end", "text <p class='x", "text"),
    // Void elements never swallow what follows (issue 10, item 3).
    ("embed is void", "<h1>Embed test</h1><p>Before the video <embed src=\"clip.swf\"> and after it.</p><p>The next paragraph.</p>", "Embed test\nBefore the video and after it.\nThe next paragraph."),
    ("wbr and input are void", "<p>long<wbr>word <input value=x> end</p>", "longword end"),
    // Implied end tags.
    ("p closes p", "<p>one<p>two", "one\ntwo"),
    ("li closes li", "<ul><li>a<li>b</ul>", "a\nb"),
    ("div closes an open p", "<p>para<div>block</div>", "para\nblock"),
    // Raw text elements hold text, not tags.
    ("textarea raw text dropped", "<textarea><p>not a para</p></textarea>after", "after"),
    ("title raw text", "<title>A <b> title</title><p>x</p>", "A <b> title\nx"),
    // Foster parenting: text misplaced in a table goes before it.
    ("foster parented text", "<table>stray<tr><td>cell</td></tr></table>", "stray\ncell"),
    ("table cells", "<table><tr><th>Team</th><th>Score</th></tr><tr><td>A</td><td>2</td></tr></table>", "Team\nScore\nA\n2"),
    ("image element alias", "<p>x</p><image src=a.png><p>y</p>", "x\n{image_1}\ny"),
    ("picture counts once", "<picture><source srcset=a.webp><img src=a.jpg></picture><p>after</p>", "{image_1}\nafter"),
    ("video placeholder", "<video src=v.mp4>fallback text</video><p>after</p>", "{video_1}\nafter"),
    ("template content dropped", "<template><p>hidden</p></template><p>shown</p>", "shown"),
    ("noscript dropped", "<p>shown</p><noscript><p>enable js</p></noscript>", "shown"),
    // Scripting is off in both parsers: a <noscript> before any content is
    // in <head>, where a <p> closes it and starts the body.
    ("noscript in head", "<noscript><p>enable js</p></noscript><p>shown</p>", "enable js\nshown"),
    ("nav and form dropped", "<nav>Home | World</nav><form><label>Email</label></form><p>Story</p>", "Story"),
    ("hostile attributes", "<base href='http://evil/'><p onclick=\"x()\">Hi</p><svg onload=alert(1)><text>s</text></svg><p style=\"background:url(javascript:alert(1))\">There</p>", "Hi\nThere"),
    (
        "news page: figure, caption, embedded post, comment, script",
        "<!doctype html><html><head><title>Site | Floods</title><script>track()</script></head><body>\
         <nav><a href=/>Home</a></nav><article><h1>Floods hit the coast</h1>\
         <p class=byline>By A. Reporter</p><!-- ad slot -->\
         <figure><img src=f.jpg alt=Flood><figcaption>Water in the streets.</figcaption></figure>\
         <p>Rain fell for &ldquo;three days&rdquo;.</p>\
         <blockquote class=twitter-tweet><p>Stay safe everyone</p>&mdash; Mayor (@mayor) <a href=#>May 1, 2020</a></blockquote>\
         <script async src=widgets.js></script><p>More soon.</p></article></body></html>",
        "Floods hit the coast\nBy A. Reporter\n{image_1}\nWater in the streets.\nRain fell for “three days”.\nStay safe everyone\n— Mayor (@mayor) May 1, 2020\nMore soon.",
    ),
];
