//! Timestamps: milliseconds since the Unix epoch (UTC), with ISO 8601
//! formatting and parsing for exports. The clock itself is read by the
//! browser shell and passed in, so the core stays deterministic.

use serde::{Deserialize, Serialize};

/// Milliseconds since 1970-01-01T00:00:00Z.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// `2026-11-28T01:02:03.456Z`.
    pub fn to_iso(self) -> String {
        let ms = self.0.rem_euclid(1000);
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z", rem / 3600, rem % 3600 / 60, rem % 60)
    }

    /// `2026-11-28` (UTC), for compact display.
    pub fn to_date(self) -> String {
        self.to_iso()[..10].to_string()
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z` or with a `±HH:MM` offset.
    pub fn parse_iso(s: &str) -> Option<Timestamp> {
        let b = s.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b' ') || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
            return None;
        }
        let mut i = 19;
        let mut ms = 0i64;
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            i = start;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let frac = s.get(start..i)?;
            if frac.is_empty() {
                return None;
            }
            let padded: String = frac.chars().chain("000".chars()).take(3).collect();
            ms = padded.parse().ok()?;
        }
        let offset_min = match s.get(i..)? {
            "Z" | "z" => 0,
            tz if tz.len() == 6 && (tz.starts_with('+') || tz.starts_with('-')) && &tz[3..4] == ":" => {
                let sign = if tz.starts_with('-') { -1 } else { 1 };
                sign * (tz[1..3].parse::<i64>().ok()? * 60 + tz[4..6].parse::<i64>().ok()?)
            }
            _ => return None,
        };
        let days = days_from_civil(y, mo, d);
        Some(Timestamp(((days * 86_400 + h * 3600 + mi * 60 + se) - offset_min * 60) * 1000 + ms))
    }
}

/// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn table() {
        assert_eq!(Timestamp(0).to_iso(), "1970-01-01T00:00:00.000Z");
        assert_eq!(Timestamp(1_644_796_800_123).to_iso(), "2022-02-14T00:00:00.123Z");
        assert_eq!(Timestamp::parse_iso("2022-02-14T00:00:00.123Z"), Some(Timestamp(1_644_796_800_123)));
        assert_eq!(Timestamp::parse_iso("2022-02-14T02:00:00+02:00"), Some(Timestamp(1_644_796_800_000)));
        assert_eq!(Timestamp::parse_iso("2022-02-14T00:00:00.5Z"), Some(Timestamp(1_644_796_800_500)));
        for bad in ["", "2022-02-14", "2022-13-01T00:00:00Z", "2022-02-14T00:00:00", "2022-02-14T00:00:00.Z"] {
            assert_eq!(Timestamp::parse_iso(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn iso_round_trip(ms in -62_000_000_000_000i64..253_000_000_000_000i64) {
            let t = Timestamp(ms);
            prop_assert_eq!(Timestamp::parse_iso(&t.to_iso()), Some(t));
        }
    }
}
