//! Real article text for the edit benchmark: paragraphs, words and
//! sentences in code points, and the passages annotated on it.

use super::rng::Rng;

/// One article as paragraphs (each a `Vec<char>`), joined by `sep`.
#[derive(Clone, Debug)]
pub struct Article {
    /// The paragraphs, in order.
    pub paragraphs: Vec<Vec<char>>,
    /// What joins two paragraphs (a blank line or a line break).
    pub sep: Vec<char>,
}

/// A passage: paragraph `para`, code points `start..end` within it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// Which paragraph.
    pub para: usize,
    /// First code point within the paragraph.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// Its length class.
    pub length: Length,
}

/// The three lengths annotated.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Length {
    /// One or two words (a name, a figure).
    Short,
    /// Five to fifteen words.
    Medium,
    /// A sentence or more.
    Long,
}

impl Length {
    /// All three, in table order.
    pub const ALL: [Length; 3] = [Length::Short, Length::Medium, Length::Long];

    /// The table's name.
    pub fn name(self) -> &'static str {
        match self {
            Length::Short => "short",
            Length::Medium => "medium",
            Length::Long => "long",
        }
    }
}

/// Passages annotated per article and length.
pub const PER_LENGTH: usize = 4;

impl Article {
    /// Splits normalised `text` into paragraphs (non-empty lines).
    pub fn parse(text: &str) -> Article {
        let sep: Vec<char> = if text.contains("\n\n") { vec!['\n', '\n'] } else { vec!['\n'] };
        let paragraphs = text.split('\n').map(str::trim).filter(|l| !l.is_empty()).map(|l| l.chars().collect()).collect();
        Article { paragraphs, sep }
    }

    /// The whole text.
    pub fn text(&self) -> String {
        let sep: String = self.sep.iter().collect();
        self.paragraphs.iter().map(|p| p.iter().collect::<String>()).collect::<Vec<_>>().join(&sep)
    }

    /// Where paragraph `para` starts in [`Article::text`], in code points.
    pub fn para_start(&self, para: usize) -> usize {
        self.paragraphs[..para].iter().map(|p| p.len() + self.sep.len()).sum()
    }

    /// A passage's range in the whole text.
    pub fn range(&self, p: &Passage) -> (usize, usize) {
        let at = self.para_start(p.para);
        (at + p.start, at + p.end)
    }

    /// Twelve passages that do not overlap: [`PER_LENGTH`] of each length,
    /// or fewer when the article has no room.
    pub fn pick_passages(&self, rng: &mut Rng) -> Vec<Passage> {
        let mut out: Vec<Passage> = Vec::new();
        for length in Length::ALL {
            let mut tries = 0;
            let mut picked = 0;
            while picked < PER_LENGTH && tries < 200 {
                tries += 1;
                let para = rng.below(self.paragraphs.len());
                let Some((start, end)) = pick_in(&self.paragraphs[para], length, rng) else { continue };
                let p = Passage { para, start, end, length };
                if out.iter().all(|q| q.para != para || q.end + 1 < start || end + 1 < q.start) {
                    out.push(p);
                    picked += 1;
                }
            }
        }
        out
    }
}

impl Article {
    /// `n` passages of every length anywhere (they may overlap, as 5,000
    /// annotations on one article do).
    pub fn pick_many(&self, n: usize, rng: &mut Rng) -> Vec<Passage> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let para = rng.below(self.paragraphs.len());
            let length = Length::ALL[rng.below(3)];
            if let Some((start, end)) = pick_in(&self.paragraphs[para], length, rng) {
                out.push(Passage { para, start, end, length });
            }
        }
        out
    }
}

/// Words of a paragraph: `(start, end)` code points, punctuation around a
/// word left out (a reader selects the word, not its comma).
pub fn words(para: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < para.len() {
        if para[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < para.len() && !para[i].is_whitespace() {
            i += 1;
        }
        let (mut s, mut e) = (start, i);
        while s < e && !para[s].is_alphanumeric() {
            s += 1;
        }
        while e > s && !para[e - 1].is_alphanumeric() {
            e -= 1;
        }
        if s < e {
            out.push((s, e));
        }
    }
    out
}

/// Sentences of a paragraph as ranges of word indexes (a sentence ends at
/// a word followed by `.`, `!` or `?`).
pub fn sentences(para: &[char], words: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut first = 0;
    for (k, &(_, e)) in words.iter().enumerate() {
        let next = words.get(k + 1).map_or(para.len(), |w| w.0);
        if para[e..next].iter().any(|c| matches!(c, '.' | '!' | '?')) || k + 1 == words.len() {
            out.push((first, k + 1));
            first = k + 1;
        }
    }
    out
}

/// A word a reader would annotate alone: a name or a figure (capitalised or
/// with a digit), or a word of six letters or more.
fn notable(word: &[char]) -> bool {
    word.len() >= 3 && (word[0].is_uppercase() || word[0].is_ascii_digit() || word.len() >= 6)
}

fn pick_in(para: &[char], length: Length, rng: &mut Rng) -> Option<(usize, usize)> {
    let w = words(para);
    if w.is_empty() {
        return None;
    }
    let (first, last) = match length {
        Length::Short => {
            let k = rng.below(w.len());
            if !notable(&para[w[k].0..w[k].1]) {
                return None;
            }
            let two = rng.below(2) == 1 && k + 1 < w.len();
            (k, if two { k + 1 } else { k })
        }
        Length::Medium => {
            let n = 5 + rng.below(11);
            if w.len() < n {
                return None;
            }
            let k = rng.below(w.len() - n + 1);
            (k, k + n - 1)
        }
        Length::Long => {
            let s = sentences(para, &w);
            let k = rng.below(s.len());
            let (a, mut b) = s[k];
            if b - a < 8 {
                return None;
            }
            if rng.below(3) == 0 && k + 1 < s.len() {
                b = s[k + 1].1;
            }
            (a, b - 1)
        }
    };
    let (start, mut end) = (w[first].0, w[last].1);
    // A long passage keeps its closing full stop, as a selected sentence does.
    if length == Length::Long && para.get(end).is_some_and(|c| matches!(c, '.' | '!' | '?')) {
        end += 1;
    }
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_sentences() {
        let p: Vec<char> = "“Yes,” he said. Then he left! Done".chars().collect();
        let w = words(&p);
        let texts: Vec<String> = w.iter().map(|&(s, e)| p[s..e].iter().collect()).collect();
        assert_eq!(texts, ["Yes", "he", "said", "Then", "he", "left", "Done"]);
        assert_eq!(sentences(&p, &w), vec![(0, 3), (3, 6), (6, 7)]);
    }

    #[test]
    fn passages_do_not_overlap_and_have_their_lengths() {
        let text = "First paragraph with Some Names and 2024 figures in it. Another sentence follows here with more words in it.\n\n\
            Second paragraph, also long enough: it holds a sentence of many words for the long passages to take.";
        let a = Article::parse(text);
        let mut rng = Rng::new(7);
        let ps = a.pick_passages(&mut rng);
        assert!(!ps.is_empty());
        for (i, p) in ps.iter().enumerate() {
            let n = words(&a.paragraphs[p.para][p.start..p.end]).len();
            match p.length {
                Length::Short => assert!((1..=2).contains(&n)),
                Length::Medium => assert!((5..=15).contains(&n)),
                Length::Long => assert!(n >= 8),
            }
            for q in &ps[i + 1..] {
                assert!(q.para != p.para || q.end < p.start || p.end < q.start, "{p:?} overlaps {q:?}");
            }
        }
    }
}
