//! The words attribution looks for: speech cues, auxiliaries, function
//! words, pronouns, determiners, role nouns and title abbreviations. One
//! list per purpose, each word once (a test checks). Titles before names
//! are [`crate::analysis::names::TITLES`] and calendar words
//! [`crate::analysis::calendar`], shared with the name stages.

use crate::analysis::words::{word_set, WordSet};

/// Words that introduce speech.
pub(super) static CUES: WordSet = word_set![
    "said", "says", "say", "saying", "told", "tells", "tell", "telling", "added", "adds", "adding", "stated", "asked",
    "asks", "asking", "wrote", "writes", "writing", "tweeted", "tweets", "tweeting", "posted", "explained", "explains", "noted",
    "notes", "declared", "insisted", "insists", "argued", "argues", "claimed", "claims", "warned", "warns", "continued",
    "continues", "replied", "responded", "announced", "acknowledged", "admitted", "recalled", "suggested", "concluded",
    "predicted", "contended", "charged", "complained", "exclaimed", "joked", "quipped", "shouted", "yelled", "urged", "remarked",
    "observed", "read", "reads", "mentioned", "described", "called", "calls", "wondered", "conceded", "vowed", "promised",
    "pledged", "boasted", "cautioned", "countered", "agreed", "testified", "emphasized", "emphasised", "stressed", "maintained",
    "asserted", "alleged", "demanded", "chimed", "lamented", "mused", "answered", "opined", "repeated", "reiterated", "retorted",
    "screamed", "whispered", "thundered", "disclosed", "revealed", "confirmed", "denied", "blasted", "slammed", "praised",
    "criticized", "criticised", "accused", "cited", "citing", "referred", "pointed", "describing", "calling", "stating",
    "noting", "warning", "arguing", "insisting", "explaining", "announcing", "recalling", "declaring", "reports",
    "reported", "sings", "sang", "claiming", "promising", "promises", "ruled", "typed", "chanted", "chanting", "questioned",
    "questioning", "quoted", "offered", "pleaded", "recounted", "echoed", "texted", "emailed", "boasts", "accusing", "describes",
    "tweet", "predicts", "wonders", "concedes", "acknowledges", "admits", "recalls", "suggests", "vows", "urges",
    "testifies", "jokes", "complains", "counters", "responds", "replies", "asserts", "maintains", "stresses", "emphasizes",
    // Present plural ("“…,” they conclude").
    "conclude", "argue", "insist", "explain", "contend", "write", "admit", "acknowledge", "predict", "warn",
    "proclaimed", "proclaims", "declares", "exclaims", "announces", "recounts", "muses", "cautions", "scoffed", "sniped",
    // Other forms of the cues above, where they are no noun as well
    // (not `remarks`, `demands`, `quotes`).
    "suggesting", "remarking", "echoing", "shouting", "asserting", "pledging", "yelling", "vowing", "responding", "praising",
    "predicting", "proclaiming", "boasting", "answering", "mentioning", "concludes", "accuses", "contends", "reveals", "mentions",
];

/// Nouns that introduce a quotation when owned by its speaker
/// ("Trump's claim that there were “thousands of shootings”").
pub(super) static NOUN_CUES: WordSet = word_set![
    "claim", "claims", "statement", "statements", "remarks", "comments", "comment", "words", "promise", "pledge", "vow",
    "warning", "assertion", "argument", "tweet", "message", "description", "characterization", "accusation", "insistence",
];

/// Words skipped between a subject and its cue ("Price on Monday said",
/// "a doctor had typed").
pub(super) static AUX: WordSet = word_set![
    "had", "has", "have", "was", "were", "is", "are", "also", "then", "later", "once", "again", "previously", "just", "recently",
    "would", "will", "did", "does", "do", "never", "still", "further", "publicly", "repeatedly", "simply", "flatly",
    // Sentence adverbs between a subject and its cue (`Carter however
    // said`, `Trump now says`).
    "however", "meanwhile", "instead", "now", "often", "already", "first", "even", "ever", "always",
    // A perfect's participle (`having referred to him as`).
    "having",
];

/// A word skipped between a subject and its cue: an auxiliary or an
/// adverb in `-ly` ("Price had also said", "she flatly denied"; "ly" and
/// "fly" are too short to be adverbs).
pub(super) fn is_aux_or_adverb(w: &str) -> bool {
    AUX.contains(w) || (w.ends_with("ly") && w.len() > 4)
}

/// Words that cannot head a noun phrase speaker.
pub(super) static FUNCTION_WORDS: WordSet = word_set![
    "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "from", "by", "as", "that", "which", "who", "when", "while",
    "if", "than", "then", "so", "because", "about", "into", "over", "after", "before", "during", "not", "no", "also", "very",
    "more", "most", "only", "even", "just", "there", "here", "what", "how", "why", "where", "this", "these", "those", "all",
];

/// Capitalised words that start clauses rather than name anyone.
pub(super) static CLAUSE_WORDS: WordSet = word_set![
    "but", "and", "in", "on", "at", "as", "when", "after", "before", "if", "while", "so", "yet", "for", "with", "from",
    "meanwhile", "still", "however", "speaking", "asked", "following", "though", "although", "because", "since", "unless",
    "until", "whether", "where", "what", "who", "why", "how", "then", "there", "here", "this", "that", "these", "those", "now",
    "today", "also", "even", "instead", "thus", "indeed", "perhaps", "maybe", "according", "during", "despite", "among",
    "told", "said", "later", "earlier", "last", "next", "partial", "read", "watch", "click", "related", "update",
];

/// Nouns for things that "say" on behalf of their author.
pub(super) static DOC_NOUNS: WordSet = word_set![
    "statement", "release", "report", "letter", "memo", "tweet", "post", "message", "announcement", "communique", "note", "email",
    "ad", "advert", "video", "filing", "document", "readout", "transcript", "petition", "piece", "column", "headline", "sign",
    "cable", "ruling", "commercial", "film", "movie", "documentary", "blog", "newsletter", "flyer", "mailer", "banner",
];

/// Heads of role noun phrases that can be speakers ("the mayor said").
pub(super) static ROLE_NOUNS: WordSet = word_set![
    "mayor", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "source", "sources", "president", "minister",
    "secretary", "senator", "governor", "police", "ministry", "department", "agency", "campaign", "candidate", "lawyer",
    "attorney", "professor", "expert", "analyst", "aide", "adviser", "advisor", "narrator", "report", "statement", "chairman",
    "director", "leader", "ambassador", "embassy", "government", "administration", "white", "house", "office", "committee",
    "spokesmen", "officer", "chief", "nominee", "party", "group", "company", "firm", "judge", "court", "witness", "author",
    "host", "anchor", "reporter", "editor", "board", "council", "team", "manager", "coach", "doctor", "diplomat", "diplomats",
    "newspaper", "paper", "magazine", "network", "outlet", "poll", "survey", "study", "website", "editorial", "article",
    "book", "complaint", "lawsuit", "indictment", "resolution", "platform", "union", "organization", "organisation",
    // People named by relation or by crowd, and bodies, as the heads of
    // PolNeAR `train`'s description sources name them (docs/speakers.md).
    "man", "person", "people", "crowd", "audience", "friend", "friends", "user", "wife", "husband", "mogul", "tycoon",
    "veteran", "groups", "commission", "tabloid", "media", "publication", "actress",
];

/// A noun for a person or a body that speaks: a role noun, or a
/// person-forming suffix ("businessman", "neurosurgeon", "strategist").
pub(super) fn is_person_noun(w: &str) -> bool {
    ROLE_NOUNS.contains(w)
        || (w.len() > 4
            && ["man", "men", "woman", "women", "ist", "ists", "eon", "ian", "ians", "ant", "ants", "ent", "ents", "er", "ers", "or", "ors", "ee", "ees", "ive", "ives"]
                .iter()
                .any(|suf| w.ends_with(suf))
            && !SUFFIX_LOOKALIKES.contains(w))
}

/// Words with a person-forming suffix that name no one: the frequent ones
/// in PolNeAR `train`'s text (comparatives, adverbs, verbs, things), but
/// not what speaks for someone (`comments`, `answer`, `statements`).
static SUFFIX_LOOKALIKES: WordSet = WordSet::spaced(
    "percent other former three whether recent under better number major later important different power earlier
     super together wants event events movement spent either however border borders server matter matters rather
     moment moments significant higher presumptive order further agreement endorsement longer lives summer offer
     offers lower center centers favor favors consider argument arguments career investment agree larger floor
     positive enforcement prevent bigger closer incident negative meant represents anger prominent younger greater
     aggressive quarter remember degree judgment active cover water present commitment competitive represent
     violent content older development behavior headquarters harder error deliver terror gives drive massive
     effective alternative apparent stronger whatever receive confident sensitive character divisive fewer smaller
     enter counter gender danger sector consistent environment merger comprehensive management legislative
     involvement offensive exist broader easier unemployment doors prefer temperament intent extent expensive
     honor narrative neither initiative payments tougher dinner insist computer amendment lists register murder
     eager never after another establishment current numbers labor endorsements agreements decisive subsequent
     sentiment wonder disagree constant cheers powers rampant senior relevant permanent perspective degrees color
     engagement reminder employment prior corner survive exists quarters disaster requirements factor factors
     substantive barriers bitter alive treatment retirement presents charter requirement agrees deeper element
     ignorant amendments investments segment supportive provocative extensive apartment exclusive reluctant
     theater cheer distant potent persistent faster grants lesser accomplishments restaurant equivalent prayers
     cancer impressive precedent winter manner defensive replacement cyber dominant filibuster restrictive
     altogether innocent appointments cheaper arrangement plant flowers incidents frequent recruitment excitement
     achievements achievement decent settlement commitments plants movements guarantee dissent drives
     disappointment gather chants disagreements sooner entertainment whiter bolster excessive trigger inner deter
     reconsider insufficient transparent assist descent reminiscent receives arrive eminent competent enters
     finger silver intelligent pregnant defiant incentive reproductive appointment initiatives attractive upper
     improvements chapter orders urgent objective confinement elements mirror proper excellent barrier resist
     dangers sentiments considers insists dependent transfer harassment implement internment latter cents
     explosive stagnant horror razor evident assignments rumors weaker experiment accident suffer brilliant
     disagreement coffee grant prayer talent equipment murders render narrower affirmative whomever imperative
     ouster revive encounter takeover chatter alter resentment negatives minor embarrassment accomplishment
     forever safer judgement alternatives differ refers whenever insensitive fervor absent twist dinners oversee
     payment discover tentative bother enrollment fingers disagrees incompetent inclusive receptive floors
     improvement silent temper developments shelter sober adjustments deprive furor constructive discontent
     efficient cleaner clearer precedents recover oversees sufficient superior improper lucrative contents
     respective empower spree whatsoever vigor teleprompter fliers gutter affluent louder advertisements laser
     refer restaurants fraudulent steer tournament turbulent productive demeanor perspectives thrive announcements
     incentives continent transformative swagger tighter definitive dismissive empowerment reflective prospective
     inherent resettlement supplement responsive containment helicopters punitive ineffective consecutive waters
     mergers assessments remembers manners disruptive shorter covers waiver generators waivers segments thereafter
     cement bluster instinctive scanner slaughter administrative compliment banner coffers differs captive
     instrument poorer frontier delivers inconvenient accent coherent marker soccer errors monument entitlement
     pervasive instant disorder vacant forgive pronouncements punishment thriller firepower fodder assertive
     consent confer wealthier vigilant repayment behaviors layer somber prefers careers ardent penchant towers
     intensive fervent interior deployment combative adamant prohibitive innovative weather imminent stickers
     hyper undercover spoiler arrives blacklist indicator monster deceive bellwether outnumber outdoor blatant
     belligerent humor whisper expletive warrant beers chandeliers hunger colors misdemeanor tenor clever
     impeachment conditioners strive resistant elephant chant rubber interactive surrender guarantees installment
     pants predictive pleasant refoulement laments evasive ladder softer objectives engagements irrelevant
     laughter moniker metaphor speculative component adjective exhaustive foresee foster consists trickier persist
     encounters deployments cater impatient collaborative bumper river healthier elective sharper underwater
     butter sectors arrangements stricter slower distinctive reliant shoulder luncheon",
);

/// Words that stand alone for people as a cue's subject (`Another said
/// he hoped…`, `Several said they would…`): PolNeAR `train` marks such a
/// word as the source 15 times. Not `one` (`No one said`), nor `all` or
/// `each`, which mostly open a longer subject.
pub(super) static QUANTIFIER_SUBJECTS: WordSet = word_set!["another", "others", "many", "some", "most", "several", "both", "few"];
/// A dash as a token (`-`, `--`, an en or an em dash), which sets off a
/// dateline, an aside or an appositive (`Trump - who …`).
pub(super) fn is_dash(w: &str) -> bool {
    matches!(w, "—" | "–" | "-" | "--")
}

/// A noun that names a poll (`a national CNN/ORC poll`, `the exit
/// polls`); after a name, only the singular (`Trump polls at 30%` is a
/// verb).
pub(super) fn is_poll_noun(w: &str, after_name: bool) -> bool {
    matches!(w, "poll" | "survey") || (!after_name && w == "polls")
}

/// A word that gives a share of people (`31%`, `75 percent`, `the vast
/// majority of`): what a poll found.
pub(super) fn is_share_word(w: &str) -> bool {
    matches!(w, "percent" | "majority") || w.ends_with('%')
}

/// An article, which opens a noun phrase: where one follows a phrase's
/// first words, the next phrase begins (`The first taste | the Mexican
/// audience`).
pub(super) fn is_article(w: &str) -> bool {
    matches!(w, "the" | "a" | "an")
}
/// A quantity before `of` that opens a partitive phrase (`one of those
/// advisers`, `many of the protesters`): the phrase, and the speaker
/// PolNeAR marks, open at the quantity.
pub(super) fn is_partitive(w: &str) -> bool {
    matches!(w, "one" | "two" | "three" | "some" | "several" | "many" | "most" | "none" | "each" | "all" | "both" | "few" | "half" | "any" | "another")
}
/// Plural heads of an adverbial after a cue, not of its subject (`repeated
/// several times`, `said two weeks ago`).
pub(super) static ADVERBIAL_HEADS: WordSet = word_set!["times", "days", "weeks", "months", "years", "hours", "minutes", "decades"];
pub(super) static PRONOUNS: WordSet = word_set!["he", "she", "they", "i", "we", "it", "you"];
pub(super) static DETERMINERS: WordSet = word_set!["the", "a", "an", "one", "his", "her", "their", "its", "this", "that", "another", "our", "my", "two", "some", "several"];

/// The title a role noun is abbreviated to before a name (`senator` →
/// `Sen. Bob Casey`), without its full stop.
pub(super) fn title_abbreviation(head: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("senator", "sen"),
        ("governor", "gov"),
        ("representative", "rep"),
        ("congressman", "rep"),
        ("congresswoman", "rep"),
        ("general", "gen"),
        ("secretary", "sec"),
        ("professor", "prof"),
        ("doctor", "dr"),
        ("lieutenant", "lt"),
        ("attorney", "atty"),
        ("reverend", "rev"),
    ];
    TABLE.iter().find(|(full, _)| *full == head).map(|&(_, short)| short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_holds_each_word_once() {
        let lists = [
            ("CUES", &CUES), ("NOUN_CUES", &NOUN_CUES), ("AUX", &AUX), ("FUNCTION_WORDS", &FUNCTION_WORDS), ("CLAUSE_WORDS", &CLAUSE_WORDS),
            ("DOC_NOUNS", &DOC_NOUNS), ("ROLE_NOUNS", &ROLE_NOUNS), ("PRONOUNS", &PRONOUNS), ("DETERMINERS", &DETERMINERS),
            ("QUANTIFIER_SUBJECTS", &QUANTIFIER_SUBJECTS), ("SUFFIX_LOOKALIKES", &SUFFIX_LOOKALIKES),
        ];
        for (name, list) in lists {
            let words = list.words();
            let unique: std::collections::HashSet<_> = words.iter().collect();
            assert_eq!(unique.len(), words.len(), "{name} repeats a word");
        }
        // A lookalike that is a role noun would be dead: role nouns are
        // read first.
        assert!(SUFFIX_LOOKALIKES.words().iter().all(|w| !ROLE_NOUNS.contains(w)));
    }

    #[test]
    fn dashes_polls_and_shares() {
        assert!(["-", "--", "–", "—"].iter().all(|w| is_dash(w)) && !is_dash(",") && !is_dash("―"));
        assert!(is_poll_noun("poll", true) && is_poll_noun("polls", false) && is_poll_noun("survey", true));
        // After a name, `polls` is a verb (`Trump polls at 30%`).
        assert!(!is_poll_noun("polls", true) && !is_poll_noun("pollster", false));
        assert!(is_share_word("31%") && is_share_word("%") && is_share_word("percent") && is_share_word("majority"));
        assert!(!is_share_word("percentage") && !is_share_word("half"));
    }

    #[test]
    fn person_nouns_and_titles() {
        assert!(is_person_noun("senator") && is_person_noun("neurosurgeon") && is_person_noun("businessman"));
        assert!(!is_person_noun("plan") && !is_person_noun("the"));
        // The suffix's lookalikes (`that his pitch better` was a phrase
        // the ranker could take for a speaker); what speaks stays.
        assert!(!is_person_noun("better") && !is_person_noun("matter") && !is_person_noun("percent"));
        assert!(is_person_noun("strategist") && is_person_noun("statement"));
        assert_eq!((title_abbreviation("senator"), title_abbreviation("mayor")), (Some("sen"), None));
    }
}
