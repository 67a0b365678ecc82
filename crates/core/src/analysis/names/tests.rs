//! One table per rule: a sentence, the names before the rule, the names
//! after it.

use super::*;
use crate::analysis::tagger::NameType::{self, Misc, Org, Person, Place};
use crate::analysis::token::tokenize;

/// Finds the tokens of the `n`th occurrence of `needle` (`"text#n"`, first
/// when no `#`).
fn span_of(text: &str, tokens: &[Token], needle: &str, kind: NameType) -> NameSpan {
    let (needle, nth) = needle.rsplit_once('#').map_or((needle, 0), |(n, k)| (n, k.parse().unwrap_or(0)));
    let start = text.match_indices(needle).nth(nth).map(|(b, _)| b).unwrap_or_else(|| panic!("{needle} not in {text}"));
    let end = start + needle.len();
    let first = tokens.iter().position(|t| t.start == start).unwrap_or_else(|| panic!("{needle} does not start a token"));
    let last = tokens.iter().rposition(|t| t.end == end).unwrap_or_else(|| panic!("{needle} does not end a token"));
    NameSpan { first, last, kind }
}

/// Runs the rule called `name` and returns the names as `(text, type)`.
fn run(name: &str, text: &str, before: &[(&str, NameType)]) -> Vec<(String, NameType)> {
    let tokens = tokenize(text);
    let rule = RULES.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no rule {name}"));
    let doc = Doc { text, tokens: &tokens };
    let spans = before.iter().map(|(n, k)| span_of(text, &tokens, n, *k)).collect();
    let mut after = (rule.apply)(&doc, spans);
    after.sort_by_key(|s| s.first);
    after.iter().map(|s| (doc.span_text(s).to_string(), s.kind)).collect()
}

fn names(v: &[(&str, NameType)]) -> Vec<(String, NameType)> {
    v.iter().map(|(n, k)| (n.to_string(), *k)).collect()
}

type Case<'a> = (&'a str, &'a str, &'a [(&'a str, NameType)], &'a [(&'a str, NameType)]);

const CASES: &[Case] = &[
    ("split-at-possessives", "Trials of Russia ’s Sputnik V and Moody 's Investors Service.", &[("Russia ’s Sputnik V", Misc), ("Moody 's Investors Service", Org)], &[("Russia", Place), ("Sputnik V", Misc), ("Moody 's Investors Service", Org)]),
    ("split-at-possessives", "The ECB ’s Asset Purchase Programme grew.", &[("ECB ’s Asset Purchase Programme", Org)], &[("ECB", Org), ("Asset Purchase Programme", Org)]),
    ("split-at-breaks", "Jeh Johnson - Although best known as a lawyer.", &[("Jeh Johnson - Although", Person)], &[("Jeh Johnson", Person), ("Although", Person)]),
    ("split-at-breaks", "SAN FRANCISCO — Apple Inc. said so.", &[("SAN FRANCISCO — Apple", Org)], &[("SAN FRANCISCO", Place), ("Apple", Org)]),
    ("trim-edges", "“ We will speak , ” von der Leyen said.", &[("” von der Leyen", Person)], &[("von der Leyen", Person)]),
    ("trim-edges", "The talks with Secretary Antony Blinken's team on Friday.", &[("Secretary Antony Blinken's", Person)], &[("Antony Blinken", Person)]),
    ("trim-edges", "Sales rose in Dec 2020 again.", &[("Dec", Org)], &[]),
    // A first name may be a month's (`Jan`, a month abbreviation).
    ("trim-edges", "Jan Siemerink won in Jan 1996.", &[("Jan Siemerink", Person)], &[("Jan Siemerink", Person)]),
    // A capitalised `The` inside a sentence is part of the name (CoNLL
    // marks `The Oval`, `The Hague`); a lower-case one, or one opening
    // the sentence, is not.
    ("trim-edges", "Play resumed at The Oval while the Netherlands watched.", &[("The Oval", Place), ("the Netherlands", Place)], &[("The Oval", Place), ("Netherlands", Place)]),
    ("trim-edges", "The Hague said so.", &[("The Hague", Place)], &[("Hague", Place)]),
    // `May` with a day of the month after it is a date, not a name's end.
    ("trim-edges", "Forsa May 23 38.0 and Theresa May 5 times.", &[("Forsa May", Org), ("Theresa May", Person)], &[("Forsa", Org), ("Theresa May", Person)]),
    // `First` stays in the name the tagger ran it into; another opener goes.
    ("trim-edges", "First Union said so. Later Iran spoke.", &[("First Union", Org), ("Later Iran", Place)], &[("First Union", Org), ("Iran", Place)]),
    // A quoted sentence opens inside the quoting one: its opener is trimmed
    // too (else “If Iran” is a person, and then so is every Iran).
    ("trim-edges", "“If Iran is serious, it must stop,” they said.", &[("If Iran", Person)], &[("Iran", Person)]),
    ("trim-edges", "He met the Florida Friday team.", &[("Florida Friday", Place)], &[("Florida", Place)]),
    ("trim-edges", "Iran's Supreme Leader Ayatollah Ali Khamenei spoke.", &[("Iran", Place), ("Supreme Leader Ayatollah Ali Khamenei", Person)], &[("Iran", Place), ("Ali Khamenei", Person)]),
    ("trim-edges", "asked Sen. Bob Casey.", &[("Sen.", Misc), ("Bob Casey", Person)], &[("Bob Casey", Person)]),
    ("split-place-pairs", "The Ukraine-Belarus border.", &[("Ukraine-Belarus", Misc)], &[("Ukraine", Place), ("Belarus", Place)]),
    ("trim-edges", "California Attorney General Xavier Becerra sued.", &[("California Attorney", Org), ("Xavier Becerra", Person)], &[("California", Place), ("Xavier Becerra", Person)]),
    // Abbreviated titles, as US news writes them; the place before is a place.
    ("trim-edges", "New Jersey Gov. Chris Christie ran.", &[("New Jersey Gov.", Org), ("Chris Christie", Person)], &[("New Jersey", Place), ("Chris Christie", Person)]),
    ("trim-edges", "Texas Lt. Gov. Dan Patrick ran.", &[("Texas Lt. Gov.", Org), ("Dan Patrick", Person)], &[("Texas", Place), ("Dan Patrick", Person)]),
    ("trim-edges", "Tesla Chief Executive Elon Musk and Fed Chair Jerome Powell met.", &[("Tesla Chief Executive", Org), ("Elon Musk", Person), ("Fed Chair", Org), ("Jerome Powell", Person)], &[("Tesla", Org), ("Elon Musk", Person), ("Fed", Org), ("Jerome Powell", Person)]),
    ("trim-edges", "He said WHO Director-General Tedros Adhanom agreed.", &[("WHO Director-General", Org), ("Tedros Adhanom", Person)], &[("WHO", Org), ("Tedros Adhanom", Person)]),
    ("trim-edges", "Hyundai General Trading rose.", &[("Hyundai General", Org), ("Trading", Org)], &[("Hyundai General", Org), ("Trading", Org)]),
    ("trim-edges", "Sens. Ted Cruz and Marco Rubio voted.", &[("Sens.", Org), ("Ted Cruz", Person), ("Marco Rubio", Person)], &[("Ted Cruz", Person), ("Marco Rubio", Person)]),
    ("trim-edges", "The Department of Justice Inspector said so.", &[("Department of Justice", Org)], &[("Department of Justice", Org)]),
    ("newspaper-titles", "The New York Times said so. THE NEWS - The Statesman wrote that the Times agreed. The Sun rose.", &[("New York Times", Org), ("NEWS", Org), ("Statesman", Misc), ("Times#1", Org), ("Sun", Misc)], &[("The New York Times", Org), ("THE NEWS", Org), ("The Statesman", Org), ("Times", Org), ("Sun", Misc)]),
    ("newspaper-titles", "It was in the Washington Post on Monday, and the Post said so. Washington Square Post Office.", &[("Washington Post", Place), ("Post", Place), ("Washington Square Post Office", Place)], &[("Washington Post", Org), ("Post", Org), ("Washington Square Post Office", Place)]),
    ("events-and-laws", "The Abraham Accords and the Kyoto Protocol held.", &[("Abraham Accords", Org), ("Kyoto Protocol", Place)], &[("Abraham Accords", Misc), ("Kyoto Protocol", Misc)]),
    ("events-and-laws", "The Internal Market Bill and the Davis Cup.", &[("Internal Market Bill", Org), ("Davis Cup", Place)], &[("Internal Market Bill", Misc), ("Davis Cup", Misc)]),
    ("events-and-laws", "The Clean Power Plan and the Marshall Plan ; Plan International .", &[("Clean Power Plan", Org), ("Marshall Plan", Person), ("Plan International", Org)], &[("Clean Power Plan", Misc), ("Marshall Plan", Misc), ("Plan International", Org)]),
    ("events-and-laws", "Bill Gates spoke.", &[("Bill", Person)], &[("Bill", Person)]),
    ("events-and-laws", "He won the Nunthorpe Stakes under the Net Book Agreement.", &[("Nunthorpe Stakes", Org), ("Net Book Agreement", Org)], &[("Nunthorpe Stakes", Misc), ("Net Book Agreement", Misc)]),
    ("surname-particles", "Talks between Johnson and von der Leyen went on.", &[("Johnson", Person), ("Leyen", Person)], &[("Johnson", Person), ("von der Leyen", Person)]),
    ("surname-particles", "Aravinda de Silva batted.", &[("Silva", Person)], &[("Aravinda de Silva", Person)]),
    ("surname-particles", "But de Silva batted.", &[("Silva", Person)], &[("de Silva", Person)]),
    ("surname-particles", "The Casa de Narino is old.", &[("Narino", Place)], &[("Narino", Place)]),
    // The tagger found `Kyi` alone where the article says `Suu Kyi`; a
    // capitalised word the full name does not end with stays out.
    ("name-tails", "Aung San Suu Kyi spoke. Later Suu Kyi left. Mr Kyi smiled.", &[("Aung San Suu Kyi", Person), ("Kyi#1", Person), ("Kyi#2", Person)], &[("Aung San Suu Kyi", Person), ("Suu Kyi", Person), ("Kyi", Person)]),
    ("name-tails", "Andres Manuel Lopez Obrador won. Lopez Obrador said so.", &[("Andres Manuel Lopez Obrador", Person), ("Obrador#1", Person)], &[("Andres Manuel Lopez Obrador", Person), ("Lopez Obrador", Person)]),
    ("schedule-lines", "STANDINGS\nCHICAGO 60 70\nTORONTO AT CHICAGO\nUnited States at Netherlands", &[("CHICAGO", Org), ("TORONTO", Org), ("CHICAGO#1", Org), ("United States", Place), ("Netherlands", Place)], &[("CHICAGO", Org), ("TORONTO", Org), ("CHICAGO", Place), ("United States", Place), ("Netherlands", Place)]),
    ("dateline-places", "Cleveland (AFP) - The team met. Cleveland won.", &[("Cleveland", Org), ("AFP", Org), ("Cleveland#1", Org)], &[("Cleveland", Place), ("AFP", Org), ("Cleveland", Org)]),
    ("dateline-places", "NEW YORK 1996-08-30\nNEW YORK 74 59 .556", &[("NEW YORK", Org), ("NEW YORK#1", Org)], &[("NEW YORK", Place), ("NEW YORK", Org)]),
    ("dateline-places", "BRUSSELS , Dec 5 ( Reuters ) - Talks went on.", &[("BRUSSELS", Org)], &[("BRUSSELS", Place)]),
    ("trim-edges", "Reporting by Sarah White Writing by Ann Lee", &[("Sarah White Writing", Person)], &[("Sarah White", Person)]),
    ("drop-furniture", "The IPO raised $1 billion, Reuters said.", &[("IPO", Org), ("Reuters", Org)], &[("Reuters", Org)]),
    ("drop-furniture", "Iscor YR EPS 29.7 , Reuters said .", &[("Iscor", Org), ("EPS", Org), ("Reuters", Org)], &[("Iscor", Org), ("Reuters", Org)]),
    ("drop-furniture", "Save the PDF over HTTP on Mozilla's CPU.", &[("PDF", Org), ("HTTP", Place), ("Mozilla", Org), ("CPU", Org)], &[("Mozilla", Org)]),
    ("caps-first-names", "NOMINEES: JANET YELLEN AND MAJOR LEAGUE", &[("JANET YELLEN", Org), ("MAJOR LEAGUE", Misc)], &[("JANET YELLEN", Person), ("MAJOR LEAGUE", Misc)]),
    ("caps-first-names", "COSTA RICA AND THE RED SEA", &[("COSTA RICA", Place), ("RED SEA", Place)], &[("COSTA RICA", Place), ("RED SEA", Place)]),
    ("split-at-titles", "Chief Financial Officer Frank Witter said so .", &[("Chief Financial Officer Frank Witter", Org)], &[("Frank Witter", Person)]),
    ("split-at-titles", "European Tour CEO Keith Pelley said so.", &[("European Tour CEO Keith Pelley", Org)], &[("European Tour", Org), ("Keith Pelley", Person)]),
    ("split-at-titles", "Kentucky Sen. Rand Paul said so.", &[("Kentucky Sen. Rand Paul", Org)], &[("Kentucky", Place), ("Rand Paul", Person)]),
    ("split-at-titles", "The Office of the President said so.", &[("Office of the President", Org)], &[("Office of the President", Org)]),
    ("split-at-titles", "Goldman Sachs Chief Executive Officer Lloyd Blankfein said so.", &[("Goldman Sachs Chief Executive Officer Lloyd Blankfein", Org)], &[("Goldman Sachs", Org), ("Lloyd Blankfein", Person)]),
    ("split-at-titles", "Hyundai General Trading Co said so.", &[("Hyundai General Trading Co", Org)], &[("Hyundai General Trading Co", Org)]),
    ("split-at-titles", "The Spokesman-Review and the GOP Executive Committee said so.", &[("The Spokesman-Review", Org), ("GOP Executive Committee", Org)], &[("The Spokesman-Review", Org), ("GOP Executive Committee", Org)]),
    ("split-at-titles", "The Tesla Chief Executive Officer said so.", &[("Tesla Chief Executive Officer", Org)], &[("Tesla Chief Executive Officer", Org)]),
    ("split-people-at-commas", "Talks between Johnson and von der Leyen went on.", &[("Johnson and von der Leyen", Person)], &[("Johnson", Person), ("von der Leyen", Person)]),
    ("split-people-at-commas", "Irwin, McAteer and Washington, D.C. met.", &[("Irwin, McAteer", Person), ("Washington, D.C.", Place)], &[("Irwin", Person), ("McAteer", Person), ("Washington, D.C.", Place)]),
    ("org-roles", "The potash miner Belaruskali said so. Belaruskali and Minsk.", &[("Belaruskali", Org), ("Belaruskali#1", Place), ("Minsk", Place)], &[("Belaruskali", Org), ("Belaruskali", Org), ("Minsk", Place)]),
    ("org-roles", "said broker Shakil Rizvi.", &[("Shakil Rizvi", Person)], &[("Shakil Rizvi", Person)]),
    ("org-roles", "It bought Stone Island, an Italian casualwear brand.", &[("Stone Island", Place)], &[("Stone Island", Org)]),
    ("places-in-addresses", "He left Vienna, Reuters said.", &[("Vienna", Place), ("Reuters", Org)], &[("Vienna", Place), ("Reuters", Org)]),
    ("places-in-addresses", "Protesters in Vienna , Austria September 9 , 2019 .", &[("Vienna", Place), ("Austria", Org)], &[("Vienna", Place), ("Austria", Place)]),
    ("bylines", "By Anushka Trivedi\nReporting by Sarah White in Paris; Editing by Ann Lee", &[("Anushka Trivedi", Org), ("Sarah White", Org), ("Paris", Place), ("Ann Lee", Person)], &[("Anushka Trivedi", Person), ("Sarah White", Person), ("Paris", Place), ("Ann Lee", Person)]),
    ("bylines", "The bank is owned by Goldman Sachs.", &[("Goldman Sachs", Org)], &[("Goldman Sachs", Org)]),
    ("bylines", "Reporting by Jeff Mason; Additional reporting by Nandita Bose; writing by Ann Lee", &[("Jeff Mason", Person), ("Nandita Bose", Org), ("Ann Lee", Org)], &[("Jeff Mason", Person), ("Nandita Bose", Person), ("Ann Lee", Person)]),
    ("bylines", "The album was produced by Warner Music.", &[("Warner Music", Org)], &[("Warner Music", Org)]),
    ("quoted-titles", "He sang his hit “ Merry Christmas Everyone ” again.", &[("Merry Christmas Everyone", Org)], &[("Merry Christmas Everyone", Misc)]),
    ("quoted-titles", "Richard “ Crazy Legs ” Colon danced.", &[("Crazy Legs", Person)], &[("Crazy Legs", Person)]),
    // A question's auxiliary opens no name (`Can` is also a city).
    ("drop-openers", "“Can you explain that?” he asked.", &[("Can", Place)], &[]),
    ("trim-edges", "Should Rubio win, he would lead.", &[("Should Rubio", Person)], &[("Rubio", Person)]),
    ("trim-edges", "She was at State (an arrangement) then.", &[("State (", Place)], &[("State", Place)]),
    ("trim-edges", "Among Supreme Court rulings, this stands. Whereas Clinton won, Given lost.", &[("Among Supreme Court", Org), ("Whereas Clinton", Person), ("Given", Person)], &[("Supreme Court", Org), ("Clinton", Person), ("Given", Person)]),
    ("drop-openers", "Cases rose. WHO said so. WHO officials agreed. WHO SAID SO. Who knows? WITH clauses run.", &[("WHO", Org), ("WHO#1", Org), ("WHO#2", Org), ("Who", Person), ("WITH", Org)], &[("WHO", Org), ("WHO", Org)]),
    ("drop-openers", "Instead, he left.", &[("Instead", Person)], &[]),
    ("drop-openers", "He said: “Instead, we wait.”", &[("Instead", Person)], &[]),
    ("drop-openers", "Washington, he said, was ready.", &[("Washington", Place)], &[("Washington", Place)]),
    ("drop-furniture", "FILE PHOTO : A flag in Vienna.", &[("FILE PHOTO", Org), ("Vienna", Place)], &[("Vienna", Place)]),
    ("drop-furniture", "Shops closed for Christmas and Slideshow pictures.", &[("Christmas", Person), ("Slideshow", Person)], &[]),
    // `I` alone is no name (`I’m` tokenises as `I ’ m`); it still ends one.
    ("drop-furniture", "What Barack and I did in World War I ended.", &[("I", Org), ("World War I", Misc)], &[("World War I", Misc)]),
    ("places-in-addresses", "A tank farm in Cleveland , Tennessee , burned.", &[("Cleveland", Org), ("Tennessee", Org)], &[("Cleveland", Place), ("Tennessee", Place)]),
    ("drop-furniture", "Michael Morell - He was deputy. ( Reporting by Guy Faulconbridge )", &[("Michael Morell", Person), ("He", Person), ("Reporting", Misc), ("Guy Faulconbridge", Person)], &[("Michael Morell", Person), ("Guy Faulconbridge", Person)]),
    ("streets-are-places", "He spoke in Downing Street today.", &[("Downing Street", Person)], &[("Downing Street", Place)]),
    ("drop-party-tags", "Sen. Claire McCaskill (D-Mo.) said.", &[("Claire McCaskill", Person), ("D", Org), ("Mo.", Org)], &[("Claire McCaskill", Person)]),
    ("drop-party-tags", "Leader Kevin McCarthy, R-Calif., said so, as did Ann Lee, D-NY. Then, D-Day, it ended.", &[("Kevin McCarthy", Person), ("R-Calif.", Org), ("Ann Lee", Person), ("D-NY", Org), ("D-Day", Misc)], &[("Kevin McCarthy", Person), ("Ann Lee", Person), ("D-Day", Misc)]),
    ("split-place-pairs", "The Ukraine-Belarus border and Guinea-Bissau.", &[("Ukraine-Belarus", Place), ("Guinea-Bissau", Place)], &[("Ukraine", Place), ("Belarus", Place), ("Guinea-Bissau", Place)]),
    ("geo-heads", "Fighting in the Donbas region went on.", &[], &[("Donbas", Place)]),
    // A name found there becomes a place whole; an adjective stays MISC.
    ("geo-heads", "Peace in the Nagorno-Karabakh region.", &[("Nagorno-Karabakh", Person)], &[("Nagorno-Karabakh", Place)]),
    ("geo-heads", "Scores in the English county championship.", &[("English", Misc)], &[("English", Misc)]),
    ("geo-heads", "Rebels in southeastern Chiapas state fought near Ben Gurion airport.", &[("Chiapas", Misc), ("Ben Gurion", Person)], &[("Chiapas", Place), ("Ben Gurion", Place)]),
    // A name ending in an adjective stays MISC (`West African state`); a
    // sentence's capitalised determiner is no name (`The area …`).
    ("geo-heads", "A West African state. The area is calm. Both state parties agreed.", &[("West African", Misc)], &[("West African", Misc)]),
    ("country-codes", "Officials in the U.S. agreed.", &[("U.S.", Org)], &[("U.S.", Place)]),
    ("country-codes", "Police arrested NLD supporters.", &[("NLD", Org)], &[("NLD", Org)]),
    ("org-heads", "The US Embassy in Kyiv closed.", &[("US", Place), ("Kyiv", Place)], &[("US Embassy", Org), ("Kyiv", Place)]),
    ("org-heads", "SOCCER - SCOTTISH LEAGUE STANDINGS .", &[("SCOTTISH", Misc)], &[("SCOTTISH", Misc)]),
    ("org-heads", "The Liberian Senate met.", &[("Liberian", Misc)], &[("Liberian", Misc)]),
    // A nationality after an organisation noun is the tagger's cut of a
    // longer name, not an organisation at every mention.
    ("org-roles", "The lender Irish said so as Irish banks rose.", &[("Irish", Misc), ("Irish#1", Misc)], &[("Irish", Misc), ("Irish", Misc)]),
    ("org-heads", "The Russian Army moved.", &[("Russian Army", Misc)], &[("Russian Army", Org)]),
    // A head the tagger took in: an institution; a place's own word stays.
    ("org-heads", "The US Embassy and the West Bank.", &[("US Embassy", Place), ("West Bank", Place)], &[("US Embassy", Org), ("West Bank", Place)]),
    ("agreements", "They signed the Minsk agreement in 2015.", &[("Minsk", Place)], &[("Minsk agreement", Misc)]),
    // A party's convention is no agreement (`Democratic` alone is MISC).
    ("agreements", "Delegates met at the Democratic convention.", &[("Democratic", Misc)], &[("Democratic", Misc)]),
    ("drop-adjectival-openers", "Grateful for the help, she left.", &[("Grateful", Person)], &[]),
    ("courtesy-titles", "Talks with Mr. Obama ended.", &[("Obama", Org)], &[("Obama", Person)]),
    // An abbreviated title of office: the name after it is a person's,
    // whole, and ends before an `of`.
    ("courtesy-titles", "Rep. Alexandria Ocasio-Cortez spoke.", &[("Rep. Alexandria", Place), ("Ocasio-Cortez", Misc)], &[("Alexandria Ocasio-Cortez", Person)]),
    ("courtesy-titles", "Rep. Alexandria Ocasio-Cortez spoke.", &[("Rep. Alexandria Ocasio", Place)], &[("Alexandria Ocasio-Cortez", Person)]),
    ("courtesy-titles", "Sen. Bernie Sanders of Vermont spoke.", &[("Sen. Bernie Sanders of Vermont", Org)], &[("Bernie Sanders", Person), ("Vermont", Place)]),
    ("courtesy-titles", "The Clinton-Kaine ticket and Catherine of Aragon.", &[("Clinton-Kaine", Org), ("Catherine of Aragon", Person)], &[("Clinton-Kaine", Org), ("Catherine of Aragon", Person)]),
    ("media-orgs", "Twitter said so. He wrote on Twitter about it.", &[("Twitter", Person), ("Twitter#1", Person)], &[("Twitter", Org), ("Twitter", Misc)]),
    ("media-orgs", "MoveOn.org said so, as did Amazon.com and Al Jazeera.", &[("MoveOn.org", Place), ("Amazon.com", Person), ("Al Jazeera", Person)], &[("MoveOn.org", Org), ("Amazon.com", Org), ("Al Jazeera", Org)]),
    // A platform the tagger left unmarked is found, and typed as any.
    ("media-orgs", "Google was sued , he wrote on Twitter .", &[], &[("Google", Org), ("Twitter", Misc)]),
    ("media-orgs", "Oklahoma won .\nField Level Media", &[("Oklahoma", Place), ("Field Level", Person)], &[("Oklahoma", Place), ("Field Level Media", Org)]),
    ("datelines", "WASHINGTON (Reuters) - The bill passed.", &[("WASHINGTON", Place)], &[("WASHINGTON", Place), ("Reuters", Org)]),
    ("hyphenated-names", "Moon Jae-in met Trump-backed Kim Jong -un and a Graf-like Steffi Graf.", &[("Moon Jae", Person), ("Trump", Person), ("Kim Jong", Person), ("Graf", Person), ("Steffi Graf", Person)], &[("Moon Jae-in", Person), ("Trump", Person), ("Kim Jong", Person), ("Graf", Person), ("Steffi Graf", Person)]),
    // A name in a compound with a lower-case word is MISC, whole: a
    // person's name only with a compound's ending; after a prefix, the
    // first word of a place's or a body's name, but an event's whole.
    ("hyphen-compounds", "A Los Angeles-based firm, EU-wide rules, a Graf-like serve and Banharn Silpa-archa.", &[("Los Angeles", Place), ("EU", Org), ("Graf", Person), ("Banharn Silpa", Person)], &[("Los Angeles-based", Misc), ("EU-wide", Misc), ("Graf-like", Misc), ("Banharn Silpa", Person)]),
    ("hyphen-compounds", "Pro-Israel groups, pro-Israel rallies, anti-Rangoon Karen National Union rebels, pro-Islamic State accounts and the post-Second World War years.", &[("Israel", Place), ("Israel#1", Place), ("Rangoon Karen National Union", Org), ("Islamic State", Org), ("Second World War", Misc)], &[("Pro-Israel", Misc), ("pro-Israel", Misc), ("anti-Rangoon", Misc), ("Karen National Union", Org), ("pro-Islamic State", Misc), ("post-Second World War", Misc)]),
    // A capitalised prefix inside a sentence is a word of its own (the
    // Post's poll); a dash is no compound's hyphen.
    ("hyphen-compounds", "In the new Post-ABC poll , Congress-is a flashpoint .", &[("ABC", Org), ("Congress", Org)], &[("ABC", Org), ("Congress", Org)]),
    ("hyphen-compounds", "Ex-Yankee Randy Velarde saw COVID-19-driven sales .", &[("Yankee Randy Velarde", Person), ("COVID-19", Misc)], &[("Ex-Yankee", Misc), ("Randy Velarde", Person), ("COVID-19-driven", Misc)]),
    // A listed name with `and` is one name; two names joined by `and` stay two.
    ("listed-and-names", "Leaders of Bosnia and Herzegovina met Eli Lilly and Company , Smith and Jones .", &[("Bosnia", Place), ("Herzegovina", Place), ("Eli Lilly", Person), ("Smith", Person), ("Jones", Person)], &[("Bosnia and Herzegovina", Place), ("Eli Lilly and Company", Org), ("Smith", Person), ("Jones", Person)]),
    // A club and where it is from are two names; a head word, a city's
    // own or a title keeps its place.
    ("org-of-place", "Ferencvaros of Hungary beat the Bank of France , the City of London , the Duke of Norfolk and the Star of David .", &[("Ferencvaros of Hungary", Org), ("Bank of France", Org), ("City of London", Org), ("Duke of Norfolk", Org), ("Star of David", Org)], &[("Ferencvaros", Org), ("Hungary", Place), ("Bank of France", Org), ("City of London", Org), ("Duke of Norfolk", Org), ("Star of David", Org)]),
    // A chain's first link is no compound's end.
    ("hyphen-compounds", "The Republican-turned-Democrat spoke .", &[("Republican", Misc)], &[("Republican", Misc)]),
    // A listed place before a party's member is two names; a group's own
    // name with one is not.
    ("place-party-members", "The New York Democrat met Log Cabin Republicans .", &[("New York Democrat", Org), ("Log Cabin Republicans", Org)], &[("New York", Place), ("Democrat", Misc), ("Log Cabin Republicans", Org)]),
    ("hyphenated-names", "Jeb Bush-spent cash and Ginger-nuts.", &[("Jeb Bush", Person), ("Ginger", Person)], &[("Jeb Bush", Person), ("Ginger", Person)]),
    ("legal-forms", "Tencent Holdings and AstraZeneca Plc rose; Holdings fell.", &[("Tencent Holdings", Place), ("AstraZeneca Plc", Person), ("Holdings#1", Person)], &[("Tencent Holdings", Org), ("AstraZeneca Plc", Org), ("Holdings", Person)]),
    ("drop-furniture", "The Phase 3 trial and Phase III data beat Phase .", &[("Phase", Org), ("Phase III", Org), ("Phase#2", Person)], &[("Phase", Person)]),
    ("possessive-companies", "Moody 's cut it ; McDonald’s sales and Sainsbury's fell .", &[("Moody", Org), ("McDonald", Org), ("Sainsbury", Person)], &[("Moody 's", Org), ("McDonald’s", Org), ("Sainsbury's", Org)]),
    ("possessive-companies", "Jimmy Carter spoke ; Carter's speech and President Carter's plan .", &[("Jimmy Carter", Person), ("Carter#1", Person), ("Carter#2", Person)], &[("Jimmy Carter", Person), ("Carter", Person), ("Carter", Person)]),
    ("possessive-companies", "Sanders's plan and Tesco 's sales .", &[("Sanders", Person), ("Tesco", Org)], &[("Sanders", Person), ("Tesco", Org)]),
    ("legal-forms", "Fitch Ratings cut it and Fitch said so .", &[("Fitch Ratings", Person), ("Fitch#1", Person)], &[("Fitch Ratings", Org), ("Fitch", Person)]),
    // A nationality before a sportsman: its noun before any name, its
    // adjective before two words (`German Villa` may be Germán Villa).
    ("leading-labels", "Englishman Alliss beat American Todd Martin and German Villa .", &[("Englishman Alliss", Person), ("American Todd Martin", Person), ("German Villa", Person)], &[("Englishman", Misc), ("Alliss", Person), ("American", Misc), ("Todd Martin", Person), ("German Villa", Person)]),
    // A party's members alone, or after a chamber, are MISC.
    ("leading-labels", "Republicans said Senate Republicans , Five Democrats and Latinos agreed .", &[("Republicans", Person), ("Senate Republicans", Person), ("Five Democrats", Person), ("Latinos", Person)], &[("Republicans", Misc), ("Senate", Org), ("Republicans", Misc), ("Democrats", Misc), ("Latinos", Misc)]),
    ("leading-labels", "Democrat Joe Biden beat Republican Trump.", &[("Democrat Joe Biden", Person), ("Republican Trump", Person)], &[("Democrat", Misc), ("Joe Biden", Person), ("Republican Trump", Person)]),
    ("town-clubs", "Leicester City beat Ipswich Town in Mexico City.", &[("Leicester City", Place), ("Ipswich Town", Place), ("Mexico City", Place)], &[("Leicester City", Org), ("Ipswich Town", Org), ("Mexico City", Place)]),
    // An index or a product is named with its number; a year, a count or
    // a people's number is not part of the name.
    ("numbered-names", "The FTSE 250 fell and Windows 95 sold, as Final Girls 2015 , the Olympic 100 metres and American-born 29 did not.", &[("FTSE", Misc), ("Windows", Misc), ("Final Girls", Misc), ("Olympic", Misc), ("American-born", Misc)], &[("FTSE 250", Misc), ("Windows 95", Misc), ("Final Girls", Misc), ("Olympic", Misc), ("American-born", Misc)]),
    // A town's or college's team, shown by a result, a record or a
    // ranking, is a club at every lone mention but where it is the place.
    ("teams", "No. 11 Oklahoma beat Baylor 27-14 in Norman , Oklahoma . Oklahoma ( 7-2 ) won .", &[("Oklahoma#0", Place), ("Baylor", Place), ("Norman", Place), ("Oklahoma#1", Place), ("Oklahoma#2", Place)], &[("Oklahoma", Org), ("Baylor", Org), ("Norman", Place), ("Oklahoma", Place), ("Oklahoma", Org)]),
    ("teams", "Auburn (5-4) fell behind. Clemson lost to Virginia Tech 45-10 in Auburn.", &[("Auburn#0", Place), ("Clemson", Place), ("Virginia Tech", Org), ("Auburn#1", Place)], &[("Auburn", Org), ("Clemson", Org), ("Virginia Tech", Org), ("Auburn", Place)]),
    // A name the tagger took for a person, with a manager's or a player's
    // role between it and a person, is the team; a place with one stays.
    ("teams", "In Bergen : Brann ( Norway ) 2 Shelbourne ( Ireland ) 1\nScorers : Brann - Mjelde . In Brann , Ernie Els ( South Africa ) 71 .", &[("Bergen", Place), ("Brann#0", Person), ("Norway", Place), ("Shelbourne", Place), ("Ireland", Place), ("Brann#1", Person), ("Mjelde", Person), ("Brann#2", Place), ("Ernie Els", Person), ("South Africa", Place)], &[("Bergen", Place), ("Brann", Org), ("Norway", Place), ("Shelbourne", Org), ("Ireland", Place), ("Brann", Org), ("Mjelde", Person), ("Brann", Place), ("Ernie Els", Person), ("South Africa", Place)]),
    ("teams", "Midfielders - Antonio Esposito ( Grasshoppers ) , Sebastien Fournier ( Stuttgart ) , Ciriaco Sforza ( Italy ) .\nGrasshoppers won .", &[("Antonio Esposito", Person), ("Grasshoppers", Place), ("Sebastien Fournier", Person), ("Stuttgart", Place), ("Ciriaco Sforza", Person), ("Italy", Place), ("Grasshoppers#1", Place)], &[("Antonio Esposito", Person), ("Grasshoppers", Org), ("Sebastien Fournier", Person), ("Stuttgart", Org), ("Ciriaco Sforza", Person), ("Italy", Place), ("Grasshoppers", Org)]),
    // A press digest's papers, each on a line of its own in capitals; not
    // its headline, dateline, a section's heading or a country, and no
    // such line outside a digest.
    ("press-digest-papers", "PRESS DIGEST - Lebanon - Aug 22 .\nBEIRUT 1996-08-22\nAS-SAFIR\n- Hariri meets Berri .\nAN-NAHAR\n- Talks go on .\nFRONT PAGE\nIRAQ\n- Oil flows .", &[("Lebanon", Place), ("BEIRUT", Place), ("Hariri", Person), ("AN-NAHAR", Place), ("Berri", Person), ("IRAQ", Place)], &[("Lebanon", Place), ("BEIRUT", Place), ("AS-SAFIR", Org), ("Hariri", Person), ("Berri", Person), ("AN-NAHAR", Org), ("IRAQ", Place)]),
    ("press-digest-papers", "Beirut papers .\nBEIRUT 1996-08-22\nAS-SAFIR\n- Hariri meets Berri .", &[("Hariri", Person), ("Berri", Person)], &[("Hariri", Person), ("Berri", Person)]),
    // A side opening a line of scorers is a club or a country, each name
    // before a minute a player; not a line without minutes.
    ("scorer-lines", "Scorers :\nHearts - Dave McPherson ( 44th )\nBrazil - Donizetti ( 47th ) , Ronaldo ( 85th )\nWashington - Smith said ( in 1996 ) .", &[("Dave McPherson", Person), ("Brazil", Org), ("Donizetti", Person), ("Ronaldo", Org), ("Washington", Place), ("Smith", Person)], &[("Hearts", Org), ("Dave McPherson", Person), ("Brazil", Place), ("Donizetti", Person), ("Ronaldo", Person), ("Washington", Place), ("Smith", Person)]),
    // A fixture's clubs, but not a case's parties or two nations.
    ("teams", "English division two - Bury v Bristol City , Oldham v Ipswich .\nBury lost .", &[("Bury", Place), ("Bristol City", Org), ("Oldham", Org), ("Ipswich", Person), ("Bury#1", Place)], &[("Bury", Org), ("Bristol City", Org), ("Oldham", Org), ("Ipswich", Org), ("Bury", Org)]),
    ("teams", "After Roe v Wade , England v Scotland was played .", &[("Roe", Person), ("Wade", Person), ("England", Place), ("Scotland", Place)], &[("Roe", Person), ("Wade", Person), ("England", Place), ("Scotland", Place)]),
    // A league's scorers: brackets after people that are mostly not
    // countries hold clubs, with no squad line; two are no list, and a
    // leaderboard's brackets, mostly countries, hold countries.
    ("teams", "3 - Anto Drobnjak ( Bastia ) , Xavier Gravelaine ( Marseille ) .\n2 - Enzo Scifo ( Lens ) , Christopher Wreh ( Guingamp ) .\nBastia won .", &[("Anto Drobnjak", Person), ("Bastia", Place), ("Xavier Gravelaine", Person), ("Marseille", Place), ("Enzo Scifo", Person), ("Lens", Place), ("Christopher Wreh", Person), ("Guingamp", Place), ("Bastia#1", Place)], &[("Anto Drobnjak", Person), ("Bastia", Org), ("Xavier Gravelaine", Person), ("Marseille", Org), ("Enzo Scifo", Person), ("Lens", Org), ("Christopher Wreh", Person), ("Guingamp", Org), ("Bastia", Org)]),
    ("teams", "Anto Drobnjak ( Bastia ) and Xavier Gravelaine ( Marseille ) scored .", &[("Anto Drobnjak", Person), ("Bastia", Place), ("Xavier Gravelaine", Person), ("Marseille", Place)], &[("Anto Drobnjak", Person), ("Bastia", Place), ("Xavier Gravelaine", Person), ("Marseille", Place)]),
    ("teams", "Columbus ( Jesse Eisenberg ) , Wichita ( Emma Stone ) , Tallahassee ( Woody Harrelson ) and Little Rock ( Abigail Breslin ) .", &[("Columbus", Person), ("Jesse Eisenberg", Person), ("Wichita", Person), ("Emma Stone", Person), ("Tallahassee", Person), ("Woody Harrelson", Person), ("Little Rock", Person), ("Abigail Breslin", Person)], &[("Columbus", Person), ("Jesse Eisenberg", Person), ("Wichita", Person), ("Emma Stone", Person), ("Tallahassee", Person), ("Woody Harrelson", Person), ("Little Rock", Person), ("Abigail Breslin", Person)]),
    ("teams", "Lee Westwood ( England ) , Colin Montgomerie ( Scotland ) , Ian Woosnam ( Wales ) .", &[("Lee Westwood", Person), ("England", Place), ("Colin Montgomerie", Person), ("Scotland", Place), ("Ian Woosnam", Person), ("Wales", Place)], &[("Lee Westwood", Person), ("England", Place), ("Colin Montgomerie", Person), ("Scotland", Place), ("Ian Woosnam", Person), ("Wales", Place)]),
    ("teams", "Sens. John McCain ( Ariz. ) , Kelly Ayotte ( N.H. ) , Pat Toomey ( Pa. ) and Chuck Grassley ( Iowa ) voted .", &[("John McCain", Person), ("Ariz.", Place), ("Kelly Ayotte", Person), ("N.H.", Place), ("Pat Toomey", Person), ("Pa.", Place), ("Chuck Grassley", Person), ("Iowa", Place)], &[("John McCain", Person), ("Ariz.", Place), ("Kelly Ayotte", Person), ("N.H.", Place), ("Pat Toomey", Person), ("Pa.", Place), ("Chuck Grassley", Person), ("Iowa", Place)]),
    ("teams", "Ernie Els ( Stuttgart ) , Nick Price ( Zimbabwe ) , Greg Norman ( Australia ) .", &[("Ernie Els", Person), ("Stuttgart", Place), ("Nick Price", Person), ("Zimbabwe", Place), ("Greg Norman", Person), ("Australia", Place)], &[("Ernie Els", Person), ("Stuttgart", Place), ("Nick Price", Person), ("Zimbabwe", Place), ("Greg Norman", Person), ("Australia", Place)]),
    ("teams", "Golf : Ernie Els ( Stuttgart ) , Nick Price ( Zimbabwe ) .", &[("Ernie Els", Person), ("Stuttgart", Place), ("Nick Price", Person), ("Zimbabwe", Place)], &[("Ernie Els", Person), ("Stuttgart", Place), ("Nick Price", Person), ("Zimbabwe", Place)]),
    ("teams", "SEATTLE ROUTS ORIOLES .\nSeattle beat Baltimore 9-2 .", &[("SEATTLE", Place), ("ORIOLES", Org), ("Seattle", Place), ("Baltimore", Place)], &[("SEATTLE", Org), ("ORIOLES", Org), ("Seattle", Org), ("Baltimore", Org)]),
    ("split-acronym-rows", "JUNE 1996 CDU / CSU SPD FDP Greens PDS\nEmnid 39.0 33.0", &[("CDU / CSU SPD FDP Greens PDS", Org)], &[("CDU / CSU", Org), ("SPD", Org), ("FDP", Org), ("Greens", Org), ("PDS", Org)]),
    ("split-acronym-rows", "SOCCER - PSV AND AJAX WIN .\nHe backed MAKE USA GREAT NOW , he said .", &[("PSV AND AJAX", Org), ("MAKE USA GREAT NOW", Org)], &[("PSV AND AJAX", Org), ("MAKE USA GREAT NOW", Org)]),
    ("split-acronym-rows", "CDU SPD FDP Greens PDS 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 1234567890 12", &[("CDU SPD FDP Greens PDS", Org)], &[("CDU SPD FDP Greens PDS", Org)]),
    ("teams", "Tottenham Hotspur manager Jose Mourinho and England captain Harry Kane left .", &[("Tottenham Hotspur", Person), ("Jose Mourinho", Person), ("England", Place), ("Harry Kane", Person)], &[("Tottenham Hotspur", Org), ("Jose Mourinho", Person), ("England", Place), ("Harry Kane", Person)]),
    // A country's team is a place, and so is its opponent's.
    ("teams", "Wales beat San Marino 6-0 and No. 3 Germany won.", &[("Wales", Place), ("San Marino", Place), ("Germany", Place)], &[("Wales", Place), ("San Marino", Place), ("Germany", Place)]),
    // The surname before `administration` is its leader, at every lone
    // mention; a place, a party's member or an acronym is not.
    ("administrations", "Trump said the Trump administration and the Republican administration and the Hong Kong administration and the U.S. administration would act.", &[("Trump#0", Org), ("Trump#1", Misc), ("Republican", Misc), ("Hong Kong", Place), ("U.S.", Place)], &[("Trump", Person), ("Trump", Person), ("Republican", Misc), ("Hong Kong", Place), ("U.S.", Place)]),
    ("venues", "Fans left Quicken Loans Arena for the British Museum ; Crystal Palace and Arena lost .", &[("Quicken Loans Arena", Org), ("British Museum", Misc), ("Crystal Palace", Org), ("Arena#1", Org)], &[("Quicken Loans Arena", Place), ("British Museum", Place), ("Crystal Palace", Org), ("Arena", Org)]),
    ("places-after-in", "Rallies in New Hampshire , faith in Carson and a case in ATF .", &[("New Hampshire", Org), ("Carson", Person), ("ATF", Org)], &[("New Hampshire", Place), ("Carson", Person), ("ATF", Org)]),
    ("demonym-states", "Islamic State fighters left Rakhine State and the Granite State.", &[("Islamic State", Place), ("Rakhine State", Place), ("Granite State", Place)], &[("Islamic State", Org), ("Rakhine State", Place), ("Granite State", Place)]),
    ("one-type-per-name", "Pfizer said. Pfizer rose. Pfizer fell.", &[("Pfizer#0", Org), ("Pfizer#1", Org), ("Pfizer#2", Person)], &[("Pfizer", Org), ("Pfizer", Org), ("Pfizer", Org)]),
    ("surnames", "President Donald Trump spoke. Later Trump left.", &[("Donald Trump", Person), ("Trump#1", Org)], &[("Donald Trump", Person), ("Trump", Person)]),
    // A lone name the article twice follows with `his` is a person; a
    // place after a preposition is not (`in Nevada on his tour`).
    ("surnames", "When Trump launched his bid , Trump laid out his plan in Nevada on his tour and in Nevada on his way .", &[("Trump", Org), ("Trump#1", Org), ("Nevada", Place), ("Nevada#1", Place)], &[("Trump", Person), ("Trump", Person), ("Nevada", Place), ("Nevada", Place)]),
    // A name listed in capitals still gives its surname.
    ("surnames", "DIRECTOR : ROCHELLE WALENSKY\nWalensky , a doctor , spoke.", &[("ROCHELLE WALENSKY", Person), ("Walensky", Org)], &[("ROCHELLE WALENSKY", Person), ("Walensky", Person)]),
    // A sentence's first word that is no first name (`Wealthy Parma`), or
    // an acronym (`RAO Gazprom`), makes no full name whose last word is
    // a surname.
    ("surnames", "Wealthy Parma won. Parma lost. The monopoly RAO Gazprom rose. Gazprom fell.", &[("Wealthy Parma", Person), ("Parma#1", Org), ("RAO Gazprom", Person), ("Gazprom#1", Org)], &[("Wealthy Parma", Person), ("Parma", Org), ("RAO Gazprom", Person), ("Gazprom", Org)]),
    ("surnames", "Gabriel Batistuta scored. Batistuta left.", &[("Gabriel Batistuta", Person), ("Batistuta#1", Org)], &[("Gabriel Batistuta", Person), ("Batistuta", Person)]),
    // A first name of the census supplement opening a sentence is a first
    // name (`Donald` is not in the main list).
    ("surnames", "Donald Trump’s investments rose. Then Trump sold.", &[("Donald Trump", Person), ("Trump#1", Org)], &[("Donald Trump", Person), ("Trump", Person)]),
    ("company-short-names", "Cofinec S.A. rose. Cofinec 's figures and Trax Petroleums Ltd gained; Trax said so. China Resources Ltd fell in China. Philip Morris Cos Inc: Philip smiled.", &[("Cofinec S.A.", Org), ("Cofinec#1", Person), ("Trax Petroleums Ltd", Org), ("Trax#1", Person), ("China Resources Ltd", Org), ("China#1", Place), ("Philip Morris Cos Inc", Org), ("Philip#1", Person)], &[("Cofinec S.A.", Org), ("Cofinec", Org), ("Trax Petroleums Ltd", Org), ("Trax", Org), ("China Resources Ltd", Org), ("China", Place), ("Philip Morris Cos Inc", Org), ("Philip", Person)]),
    ("repeats", "President Donald Trump spoke. Then he met Trump again.", &[("Donald Trump", Person)], &[("Donald Trump", Person), ("Trump", Person)]),
    // A pronoun ending a person's name is no surname (`Carter I`; a
    // headline's `Surprise You`): the article's `I` and `You` stay unmarked.
    ("repeats", "Carter I ruled. Then I said “ You know . ”", &[("Carter I", Person)], &[("Carter I", Person)]),
    ("surnames", "Carter I ruled. Then I said so.", &[("Carter I", Person), ("I#1", Org)], &[("Carter I", Person), ("I", Org)]),
    // A full name the tagger mistyped, whose surname the article names
    // alone as a person twice or more, and mostly, is that person.
    ("full-names-of-people", "Donald Trump proposed a ban. Trump said so. Trump left.", &[("Donald Trump", Misc), ("Trump#1", Person), ("Trump#2", Person)], &[("Donald Trump", Person), ("Trump", Person), ("Trump", Person)]),
    ("full-names-of-people", "Gloria Bistrita won. Bistrita scored.", &[("Gloria Bistrita", Org), ("Bistrita#1", Person)], &[("Gloria Bistrita", Org), ("Bistrita", Person)]),
    ("full-names-of-people", "The Clinton-Kaine ticket. Kaine spoke. Kaine left.", &[("Clinton-Kaine", Org), ("Kaine#1", Person), ("Kaine#2", Person)], &[("Clinton-Kaine", Org), ("Kaine", Person), ("Kaine", Person)]),
    ("surnames", "Will Twitter find a buyer? Twitter shares rose.", &[("Will Twitter", Person), ("Twitter#1", Org)], &[("Will Twitter", Person), ("Twitter", Org)]),
    // A one-word name that is no person's surname is not repeated (in
    // tables, `Mission` and `NT` were more often something else).
    ("repeats", "The Mission said so. Then Mission staff left.", &[("Mission", Org)], &[("Mission", Org)]),
    ("demonyms", "The Ukrainian army moved.", &[], &[("Ukrainian", Misc)]),
];

#[test]
fn each_rule_does_what_its_name_says() {
    for (rule, text, before, after) in CASES {
        assert_eq!(run(rule, text, before), names(after), "rule {rule} on {text:?}");
    }
}

#[test]
fn every_rule_has_a_case() {
    for r in RULES {
        assert!(CASES.iter().any(|c| c.0 == r.name), "rule {} has no table test", r.name);
    }
}

#[test]
fn titles() {
    assert_eq!(strip_titles("Secretary Antony Blinken"), "Antony Blinken");
    assert_eq!(strip_titles("Foreign Minister Dmytro Kuleba"), "Dmytro Kuleba");
    assert_eq!(strip_titles("Ned Price"), "Ned Price");
    assert_eq!(strip_titles("President"), "President");
}
