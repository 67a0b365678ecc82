//! The word lists the naming conventions read: titles, sentence openers,
//! the heads that make a name a place or an organisation, calendar words and
//! news furniture. Data only; the rules that use them are in the sibling
//! modules.

use crate::analysis::words::{word_set, WordSet};

/// Words that introduce a person and are not part of the name.
pub static TITLES: WordSet = word_set![
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "dame", "lord", "lady", "president", "vice", "secretary",
    "minister", "prime", "foreign", "defence", "defense", "interior", "finance", "deputy", "chancellor", "senator", "sen.",
    "representative", "rep.", "congressman", "congresswoman", "governor", "gov.", "mayor", "general", "gen.", "lt.", "col.",
    "capt.", "sgt.", "maj.", "adm.", "admiral", "commander", "colonel", "captain", "sergeant", "major", "king", "queen",
    "prince", "princess", "pope", "judge", "justice", "ambassador", "spokesman", "spokeswoman", "spokesperson", "chairman",
    "chairwoman", "chair", "ceo", "director", "professor", "prof.", "coach", "officer", "chief", "speaker", "leader", "candidate",
    "nominee", "presidential", "attorney", "former", "late", "sec.", "pres.", "rev.", "reverend", "father", "sens.", "reps.",
    "sheikh", "emir", "sultan", "premier", "envoy", "counterpart", "commissioner", "senior", "adviser", "advisor", "aide",
    "executive", "ayatollah", "supreme",
];

/// Heads of [`ORG_HEADS`] that end no place's name: a place read with one
/// (`US Embassy`) is the institution. Not `Bank`, `Union`, `Federation`
/// or `League` (`West Bank`, `Soviet Union`, `Russian Federation`).
pub static STATE_BODIES: WordSet = word_set!["embassy", "consulate", "ministry", "army", "navy", "police", "government", "parliament", "senate", "cabinet"];

/// Job titles that end a name when another name follows them
/// (`California Attorney` in "California Attorney General Xavier
/// Becerra"). Only heads of offices: `Justice` or `Defense` end
/// organisations' names (`Department of Defense`).
pub static TRAILING_TITLES: WordSet = word_set![
    "attorney", "governor", "mayor", "senator", "president", "minister", "secretary", "prime", "deputy", "chancellor", "ambassador",
    "spokesman", "spokeswoman", "chairman", "chairwoman", "ceo", "coach", "commissioner",
    // Abbreviated, as US news writes them before a name (`New Jersey Gov.
    // Chris Christie`, `Texas Sen. Ted Cruz`), with their dot or without.
    "gov.", "gov", "sen.", "sen", "sens.", "rep.", "rep", "reps.", "gen.", "lt.",
];

/// Offices that, with [`TRAILING_TITLES`], make a run of title words a job
/// title between an organisation and a person (`Tesla Chief Executive Elon
/// Musk`, `IMF Managing Director Kristalina Georgieva`, `Fed Chair Jerome
/// Powell`). Apart from [`TITLE_WORDS`] because those alone are no title
/// (`Hyundai General Trading`).
pub static TITLE_HEADS: WordSet = word_set!["executive", "officer", "director", "chair", "chairperson"];

/// Words a job title holds besides its office (`Chief … Officer`, `Vice`,
/// `Managing`, the `General` of `Director-General`).
pub static TITLE_WORDS: WordSet = word_set!["chief", "managing", "vice", "operating", "financial", "general"];

/// Words for a party's member that stand before a person's name as a
/// label, not a part of it (`Democrat Joe Biden`, `Republican Mitt
/// Romney`): the guidelines mark them MISC, as nationalities.
pub static PARTY_MEMBERS: WordSet = word_set!["Democrat", "Republican", "Democrats", "Republicans"];

/// Verbs of a game's result, between two teams' names with the score
/// after the second (`Clemson routed Mississippi State 31-24`, `lost to`,
/// `rallied past`): what shows a place's name to be its team.
pub static RESULT_VERBS: WordSet = word_set![
    "beat", "beats", "defeated", "defeats", "edged", "edges", "routed", "topped", "downed", "blanked", "outlasted", "thrashed", "crushed", "stunned", "upset", "trounced",
    "hammered", "swept", "lost", "fell", "rallied", "held", "tied", "drew", "survived",
];

/// A team's people, written between the team's name and theirs
/// (`Tottenham Hotspur manager Jose Mourinho`, `Bayern coach Otto
/// Rehhagel`).
pub static TEAM_ROLES: WordSet = word_set![
    "manager", "coach", "striker", "midfielder", "goalkeeper", "defender", "forward", "winger", "captain", "boss", "quarterback", "pitcher", "skipper", "keeper",
];

/// Sides that play as countries but that the gazetteer does not list as
/// one (it lists states): a sportsman's brackets hold them as they hold a
/// country (`Lee Westwood ( England )`, `Brian Lara ( West Indies )`).
pub static HOME_NATIONS: WordSet = word_set!["Britain", "England", "Scotland", "Wales", "Northern Ireland", "West Indies"];

/// A squad's positions, each opening a line that lists its players with
/// their clubs in brackets (`Midfielders - Alexandre Comisetti (
/// Grasshoppers ) , Antonio Esposito ( Grasshoppers )`).
pub static SQUAD_POSITIONS: WordSet = word_set!["Goalkeepers", "Defenders", "Midfielders", "Forwards", "Strikers"];

/// Lowercase particles inside surnames (`von der Leyen`, `de Silva`,
/// `van der Westhuizen`): part of the person's name, written in lower case.
pub static SURNAME_PARTICLES: WordSet = word_set!["von", "van", "der", "den", "de", "del", "da", "di", "dos", "du"];

/// Lowercase nouns after a capitalised name that make it a place
/// ("the Donbas region", "Crimea peninsula").
pub static GEO_HEADS: WordSet = word_set![
    "region", "regions", "peninsula", "province", "oblast", "district", "county", "valley", "river", "sea", "island", "islands",
    "mountains", "desert", "coast", "basin", "strait", "bay", "lake", "gulf", "prefecture", "governorate", "canton", "territory",
    "state", "suburb", "mountain", "area", "motorway", "airport",
];

/// Capitalised nouns that head an organisation's name after a place or
/// nationality ("US Embassy", "Russian Army", "State Department").
pub static ORG_HEADS: WordSet = word_set![
    "embassy", "consulate", "ministry", "department", "army", "navy", "police", "government", "parliament", "senate", "congress",
    "council", "commission", "bank", "university", "party", "agency", "office", "court", "academy", "institute", "foundation",
    "committee", "assembly", "airlines", "airways", "railways", "corporation", "company", "group", "association", "union",
    "federation", "league", "club", "guard", "forces", "service", "services", "bureau", "authority", "cabinet", "mission",
];

/// A company's legal or group form, the last word of its full name
/// (`Cofinec S.A.`, `Arch Petroleum Inc`), which news writing drops after
/// the first mention; the list `scripts/gazetteer.py` strips from listed
/// companies (`COMPANY_SUFFIXES`), one word each.
pub static LEGAL_FORMS: WordSet = word_set![
    "Inc.", "Inc", "Corp.", "Corp", "Corporation", "Co.", "Company", "plc", "PLC", "Plc", "Ltd.", "Ltd", "Limited", "SE", "S.A.", "SA", "AG",
    "N.V.", "NV", "ASA", "AB", "Oyj", "A/S", "Holdings", "Holding", "Group", "Incorporated", "L.P.", "LP", "Trust",
    // Not a legal form, but a rating agency's name is written with it
    // (`Fitch Ratings`, which the tagger read as a person's).
    "Ratings",
];

/// The last words of newspapers' names (`The New York Times`, `The
/// Statesman`), lower-cased: common enough in mastheads, and seldom the
/// end of another name that `The` opens. Not `Sun`, `Star`, `Nation` or
/// `Independent`, which are as often something else.
pub static NEWSPAPER_HEADS: WordSet = word_set![
    "times", "post", "journal", "news", "herald", "tribune", "telegraph", "guardian", "observer", "statesman", "economist", "globe",
    "chronicle", "gazette", "inquirer",
];

/// Social platforms and wire services often named in news text, which a
/// tagger trained on 1996 news cannot know.
pub static MEDIA_ORGS: WordSet = word_set![
    "Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "Telegram", "WhatsApp", "Snapchat", "LinkedIn", "Reddit", "Google",
    "Microsoft", "Apple", "Amazon", "Netflix", "Reuters", "AFP", "AP", "UPI", "Bloomberg", "BBC", "CNN", "NPR", "Politico", "Axios",
    // Reuters's own data service, cited in every earnings story since 2018.
    "Refinitiv",
    // Matched on the whole name: the tagger reads `Al` as a first name,
    // and takes `Field Level` for a person's name, its `Media` left out.
    "Al Jazeera", "Field Level Media",
];

/// The social platforms of [`MEDIA_ORGS`]: also the medium a post is on.
pub static PLATFORMS: WordSet = word_set!["Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "Telegram", "WhatsApp", "Snapchat", "LinkedIn", "Reddit"];

/// Nouns after a platform's name that make it the medium (`Facebook page`).
pub static MEDIUM_NOUNS: WordSet = word_set!["page", "account", "post", "posts", "feed", "video", "videos", "channel", "live", "profile", "story"];

/// Capitalised words that open a sentence and are never part of a name.
pub static OPENERS: WordSet = word_set![
    "as", "but", "and", "when", "if", "while", "after", "before", "since", "because", "although", "though", "so", "yet", "or",
    "then", "meanwhile", "however", "still", "also", "even", "unlike", "like", "with", "without", "for", "from", "in", "on", "at",
    "by", "to", "of", "during", "despite", "until", "unless", "whether", "where", "why", "how", "what", "who", "that", "this",
    "later", "earlier", "finally", "first", "again", "here", "there", "now", "today", "yesterday", "tomorrow", "tonight",
    "separately", "previously", "recently", "currently", "afterwards", "overall", "indeed", "moreover", "furthermore",
    "similarly", "likewise", "otherwise", "nevertheless", "nonetheless", "thus", "hence", "therefore", "accordingly", "lastly",
    "neither", "either", "both", "several", "many", "most", "some", "each", "every",
    // Prepositions and adverbs read off modern news, glued to the name
    // after them (`Among Supreme Court precedents`, `Against Sanders on
    // Tuesday`, `Whereas Clinton had`). Not `Inside` or `No`, which open
    // titles (`Inside Edition`, `No Child Left Behind`), nor `Given`, a
    // surname (the goalkeeper Shay Given, in a team list).
    "among", "amid", "beyond", "against", "across", "through", "throughout", "toward", "towards", "within", "upon", "whereas",
    "maybe", "perhaps",
    // Auxiliaries opening a question (`“Can you explain …?”`, `Can this
    // novice cope`): read as the city of Can 13 times in PolNeAR's
    // training articles. Not `Will`, `May` or `Do` (`Do Muoi`), names too.
    "can", "could", "would", "should", "shall", "must", "did", "does", "is", "are", "was", "were", "has", "have", "had",
];

/// Words of a wire story's credit line that follow a name (`Reporting by
/// Sarah White; Writing by …; Editing by David Ljunggren`, `Oslo
/// newsroom; Additional reporting by …`): never the name's own last word.
pub static CREDIT_WORDS: WordSet = word_set!["Writing", "Editing", "Reporting", "Additional", "Compiled", "Produced", "Graphics", "Photos"];

/// The credit line's roles as written after another credit word
/// (`Additional reporting by Nandita Bose`, `Writing by X and editing by
/// Y`): lower case, and only the newsroom's own roles, since `produced
/// by` and `compiled by` name companies and agencies as often.
pub static CREDIT_ROLES: WordSet = word_set!["reporting", "editing", "writing"];

/// Lower-case nouns that, right before a name, say it is a company or
/// another organisation (`potash miner Belaruskali`, `tech company
/// Blockstack`). Not the ones that also stand before people or ships
/// (`rival`, `owner`, `broker Shakil Rizvi`, `film producer`, `aircraft
/// carrier Carl Vinson`).
pub static ORG_ROLES: WordSet = word_set![
    "company", "firm", "group", "miner", "retailer", "bank", "lender", "insurer", "airline", "brand", "startup", "manufacturer",
    "automaker", "carmaker", "conglomerate", "supplier", "broadcaster", "subsidiary", "consultancy", "regulator", "watchdog",
];

/// Last words of a street or square's name.
pub static STREET_HEADS: WordSet = word_set!["Street", "Avenue", "Road", "Square", "Boulevard", "Plaza"];

/// Last words of a public building's name (`Yankee Stadium`, `O2
/// Arena`): a place. Not `Palace` (`Crystal Palace`, a club), `Park`
/// (`Queen's Park`, another) or `Center` (`Tax Policy Center`, a body).
pub static VENUE_HEADS: WordSet = word_set!["Stadium", "Arena", "Airport", "Museum", "Hospital", "Cathedral", "Mosque"];

/// Words after a place or name that make it an agreement (MISC).
pub static AGREEMENTS: WordSet = word_set!["agreement", "agreements", "accord", "accords", "treaty", "protocol", "pact", "declaration"];

/// Last words that make a name of two or more words an event or a law,
/// which the CoNLL guidelines mark MISC whatever the words before them
/// (`Internal Market Bill`, `Kuala Lumpur Summit`, `Ryder Cup`, `Abraham
/// Accords`, a government's `Clean Power Plan`), or a stock index (`Dow
/// Jones Industrial Average`). Not
/// `Programme` or `Council`: `World Food Programme` is an organisation;
/// nor `Pact` (`Warsaw Pact`, an alliance) or `Treaty` (`Penn Treaty`, a
/// company).
pub static EVENT_LAW_HEADS: WordSet = word_set![
    "Act", "Bill", "Cup", "Championship", "Championships", "Festival", "Summit", "Games", "Olympics", "Trophy", "Prize", "Awards",
    "Stakes", "Classic", "Rally", "Agreement", "Agreements", "Accord", "Accords", "Protocol", "Regulation", "Index", "Average", "Plan",
];

/// News furniture: photo captions, section labels and holidays, which the
/// CoNLL guidelines never mark as names (matched on the whole span,
/// lower-cased).
pub static FURNITURE: WordSet = word_set![
    "file photo", "photo", "photos", "slideshow", "graphic", "graphics", "video", "factbox", "explainer", "exclusive",
    "christmas", "easter", "thanksgiving", "halloween", "hanukkah", "new year", "new year's eve",
];

/// Capitalised terms of business and news writing that are never names,
/// matched on the whole span (`IPO`, `EBITDA`, `GDP`, `LIVE`), and of
/// computing (`CPU`, `PDF`, `HTTP`: 237 names in the web pages' article
/// text, none of them a name). Not `GMT`, which the guidelines mark MISC.
pub static COMMON_TERMS: WordSet = word_set![
    "ipo", "ipos", "ebitda", "eps", "gdp", "cpi", "etf", "etfs", "live",
    "cpu", "gpu", "css", "html", "http", "https", "json", "xml", "url", "urls", "pdf", "api", "apis", "ui", "usb", "sql", "tv",
];

/// Determiners a sentence may open with (`The area …`, `A state …`):
/// capitalised there, never a name on their own.
pub static DETERMINERS: WordSet = word_set!["the", "a", "an", "these", "those", "another", "any", "no"];

/// Personal pronouns, never a name on their own (`Michael Morell - He
/// was …`: capitalised after a dash, where no sentence starts; `I` of
/// `I’m`). Only ever compared with a whole name or a word alone, so `I`
/// still ends `World War I`. Not `US`.
pub static PRONOUNS: WordSet = word_set!["he", "she", "it", "we", "they", "you", "i", "his", "her", "its", "our", "their", "him", "them", "your"];

pub use crate::analysis::calendar::MONTH_ABBREVIATIONS;
