//! The name tagger's model file: how a perceptron's kept features and
//! their weights are written to bytes and read back. The writer lives here
//! beside the reader (training calls [`encode`]) so that the one format is
//! described, written and tested in one place.
//!
//! Layout (little-endian), `ner.model` (first pass) and `ner2.model`
//! (second):
//!
//! | field | type |
//! |---|---|
//! | magic | `MGNER\x03`, or `MGNER\x04` for a model whose hashes are read over a base model's |
//! | label count `L` | u8 |
//! | emission scale | f32 |
//! | transition weights, the last row the start | `(L+1)*L` × f32 |
//! | feature count `N` | u32 |
//! | bits per weight `B` (1 to 8) | u8 |
//! | level count `K` (at most 2^B) | u8, 0 standing for 256 |
//! | the levels | `K` × i8 |
//! | feature hashes, ascending, each the gap from the one before (`\x03`) | `N` LEB128 varints |
//! | or (`\x04`): the base model's fingerprint ([`fingerprint`]) | u32 |
//! | which of the base model's `M` hashes this one keeps | `M` bits, most significant first, padded to a byte |
//! | then its own hashes, ascending, as gaps | `N` minus the kept, LEB128 varints |
//! | weights, `L` per feature, each a `B`-bit index into the levels | `N*L*B` bits, most significant first, padded to a byte |
//!
//! The hashes are sorted random 32-bit values, so their gaps take about
//! `32 - log2 N` bits instead of 32: 3.4 KB less per gzipped model at
//! 4,000 features. The levels let a model store each weight in fewer bits
//! than its 8-bit value ([`crate::analysis::tagger`] multiplies the level
//! by the scale).
//!
//! The second pass shares most of its features with the first (4,390 of
//! 6,000 in the shipped pair: the same templates, plus its own over the
//! first pass's labels), so `ner2.model` names the first's hashes it keeps
//! with one bit each instead of a varint: 11.5 KB less of the gzipped
//! download. Such a file is read with its base's hashes ([`decode`]).

/// Magic bytes and version: the hashes written out.
const MAGIC: &[u8] = b"MGNER\x03";

/// Magic bytes and version: the hashes read over a base model's.
const MAGIC_OVER_BASE: &[u8] = b"MGNER\x04";

/// A model's parts, as [`encode`] takes them and [`decode`] gives them back.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelParts {
    /// Multiplies every weight level.
    pub scale: f32,
    /// `(L+1)*L` transition weights.
    pub trans: Vec<f32>,
    /// Feature hashes, ascending.
    pub keys: Vec<u32>,
    /// `L` weights per feature, in the order of `keys`, each one of `levels`.
    pub weights: Vec<i8>,
}

/// Why bytes are not a model.
#[derive(Debug, PartialEq, Eq)]
pub struct FormatError(pub &'static str);

/// Writes `parts` with `labels` weights per feature, each weight stored as
/// a `bits`-wide index into the distinct values of `parts.weights` (at most
/// `2^bits` of them; an error otherwise). With `base` (another model's
/// hashes, ascending), the hashes it shares with `base` are written as one
/// bit each, and [`decode`] needs the same `base` to read the file.
pub fn encode(parts: &ModelParts, labels: usize, bits: u32, base: Option<&[u32]>) -> Result<Vec<u8>, FormatError> {
    if !(1..=8).contains(&bits) || parts.trans.len() != (labels + 1) * labels || parts.weights.len() != parts.keys.len() * labels {
        return Err(FormatError("inconsistent model parts"));
    }
    let mut levels = parts.weights.clone();
    levels.sort_unstable();
    levels.dedup();
    // A model without features still writes one level: a count of 0
    // stands for 256 levels.
    if levels.is_empty() {
        levels.push(0);
    }
    if levels.len() > 1 << bits {
        return Err(FormatError("more weight levels than the bits can index"));
    }
    if !parts.keys.windows(2).all(|w| w[0] <= w[1]) {
        return Err(FormatError("feature hashes not ascending"));
    }
    let mut out = if base.is_some() { MAGIC_OVER_BASE } else { MAGIC }.to_vec();
    out.push(labels as u8);
    out.extend_from_slice(&parts.scale.to_le_bytes());
    parts.trans.iter().for_each(|t| out.extend_from_slice(&t.to_le_bytes()));
    out.extend_from_slice(&(parts.keys.len() as u32).to_le_bytes());
    out.push(bits as u8);
    out.push(levels.len() as u8);
    out.extend(levels.iter().map(|&l| l as u8));
    write_keys(&mut out, &parts.keys, base);
    let mut bitsink = BitWriter::default();
    for w in &parts.weights {
        let index = levels.binary_search(w).unwrap_or(0);
        bitsink.push(index as u32, bits);
    }
    out.extend(bitsink.finish());
    Ok(out)
}

/// Writes ascending `keys`: over `base`, a bitmap of the base's hashes kept
/// and the rest as gaps; without, every hash as a gap.
fn write_keys(out: &mut Vec<u8>, keys: &[u32], base: Option<&[u32]>) {
    let own: Vec<u32> = match base {
        Some(base) => {
            out.extend_from_slice(&fingerprint(base).to_le_bytes());
            let mut kept = BitWriter::default();
            base.iter().for_each(|b| kept.push(u32::from(keys.binary_search(b).is_ok()), 1));
            out.extend(kept.finish());
            keys.iter().copied().filter(|k| base.binary_search(k).is_err()).collect()
        }
        None => keys.to_vec(),
    };
    let mut previous = 0u32;
    for k in own {
        write_varint(out, k - previous);
        previous = k;
    }
}

/// Reads a model written by [`encode`] with `labels` weights per feature;
/// `base` is the hashes it was written over, if it was.
pub fn decode(bytes: &[u8], labels: usize, base: Option<&[u32]>) -> Result<ModelParts, FormatError> {
    let (rest, over_base) = match (bytes.strip_prefix(MAGIC), bytes.strip_prefix(MAGIC_OVER_BASE)) {
        (Some(rest), _) => (rest, false),
        (None, Some(rest)) => (rest, true),
        (None, None) => return Err(FormatError("not a Marginalia NER model")),
    };
    let base = match (over_base, base) {
        (false, _) => None,
        (true, Some(base)) => Some(base),
        (true, None) => return Err(FormatError("a model written over another model's features: read it with that model")),
    };
    let mut r = Reader { bytes: rest };
    if usize::from(r.u8()?) != labels {
        return Err(FormatError("unexpected label count"));
    }
    let scale = r.f32()?;
    let trans = (0..(labels + 1) * labels).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
    // A NaN or an infinity would make every path's score meaningless.
    if !scale.is_finite() || !trans.iter().all(|t| t.is_finite()) {
        return Err(FormatError("a weight that is not a finite number"));
    }
    let n = r.u32()? as usize;
    let bits = u32::from(r.u8()?);
    let count = match r.u8()? {
        0 => 256,
        k => usize::from(k),
    };
    if !(1..=8).contains(&bits) || count > 1 << bits {
        return Err(FormatError("bad weight levels"));
    }
    let levels: Vec<i8> = r.take(count)?.iter().map(|&b| b as i8).collect();
    // Every key takes a byte at least and every weight `bits` bits: a count
    // larger than the bytes left is a damaged file, not an allocation.
    if n > r.bytes.len() {
        return Err(FormatError("truncated"));
    }
    let keys = read_keys(&mut r, n, base)?;
    let packed = r.take((n * labels * bits as usize).div_ceil(8))?;
    if !r.bytes.is_empty() {
        return Err(FormatError("size mismatch"));
    }
    let mut bitsource = BitReader { bytes: packed, at: 0 };
    let weights = (0..n * labels).map(|_| levels.get(bitsource.next(bits) as usize).copied().ok_or(FormatError("weight level out of range"))).collect::<Result<Vec<_>, _>>()?;
    Ok(ModelParts { scale, trans, keys, weights })
}

/// A base model's hashes as one number (FNV-1a over their bytes), so a
/// model read over another base than it was written over is an error,
/// not a model with the wrong features (`eval --model A --second B`
/// with files of two trainings).
pub fn fingerprint(keys: &[u32]) -> u32 {
    keys.iter().flat_map(|k| k.to_le_bytes()).fold(0x811C_9DC5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Reads `n` hashes as [`write_keys`] wrote them.
fn read_keys(r: &mut Reader, n: usize, base: Option<&[u32]>) -> Result<Vec<u32>, FormatError> {
    let kept: Vec<u32> = match base {
        Some(base) => {
            if r.u32()? != fingerprint(base) {
                return Err(FormatError("written over another model than the one given: use the pair training wrote"));
            }
            let mut bits = BitReader { bytes: r.take(base.len().div_ceil(8))?, at: 0 };
            base.iter().copied().filter(|_| bits.next(1) == 1).collect()
        }
        None => Vec::new(),
    };
    let own_count = n.checked_sub(kept.len()).ok_or(FormatError("more hashes kept than the model holds"))?;
    let mut own = Vec::with_capacity(own_count);
    let mut previous = 0u32;
    for _ in 0..own_count {
        previous = previous.checked_add(r.varint()?).ok_or(FormatError("feature hashes overflow"))?;
        own.push(previous);
    }
    if kept.is_empty() {
        return Ok(own);
    }
    let mut keys = Vec::with_capacity(n);
    let (mut a, mut b) = (kept.into_iter().peekable(), own.into_iter().peekable());
    while let Some(next) = match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if x < y => a.next(),
        (_, Some(_)) => b.next(),
        _ => a.next(),
    } {
        keys.push(next);
    }
    Ok(keys)
}

/// Appends `x` as an LEB128 varint (seven bits a byte, low bits first).
fn write_varint(out: &mut Vec<u8>, mut x: u32) {
    while x >= 0x80 {
        out.push((x & 0x7f) as u8 | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

/// A cursor over the bytes left.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        if n > self.bytes.len() {
            return Err(FormatError("truncated"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8, FormatError> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, FormatError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self) -> Result<f32, FormatError> {
        Ok(f32::from_bits(self.u32()?))
    }

    fn varint(&mut self) -> Result<u32, FormatError> {
        let mut x = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            x |= u32::from(b & 0x7f).checked_shl(shift).filter(|_| shift < 28 || b & 0x7f < 16).ok_or(FormatError("varint too long"))?;
            if b & 0x80 == 0 {
                return Ok(x);
            }
        }
        Err(FormatError("varint too long"))
    }
}

/// Packs values of a few bits each, most significant bit first.
#[derive(Default)]
struct BitWriter {
    out: Vec<u8>,
    acc: u32,
    filled: u32,
}

impl BitWriter {
    fn push(&mut self, value: u32, bits: u32) {
        self.acc = self.acc << bits | value;
        self.filled += bits;
        while self.filled >= 8 {
            self.filled -= 8;
            self.out.push((self.acc >> self.filled) as u8);
        }
        self.acc &= (1 << self.filled) - 1;
    }

    fn finish(mut self) -> Vec<u8> {
        if self.filled > 0 {
            self.out.push((self.acc << (8 - self.filled)) as u8);
        }
        self.out
    }
}

/// Reads what [`BitWriter`] packed; the caller has checked the length.
struct BitReader<'a> {
    bytes: &'a [u8],
    /// Bits read so far.
    at: usize,
}

impl BitReader<'_> {
    fn next(&mut self, bits: u32) -> u32 {
        let mut v = 0;
        for _ in 0..bits {
            let bit = self.bytes.get(self.at / 8).map_or(0, |b| (b >> (7 - self.at % 8)) & 1);
            v = v << 1 | u32::from(bit);
            self.at += 1;
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(weights: Vec<i8>) -> ModelParts {
        ModelParts { scale: 0.25, trans: (0..12).map(|i| i as f32 - 5.5).collect(), keys: vec![3, 200, 70_000, u32::MAX], weights }
    }

    #[test]
    fn every_width_round_trips() {
        // Three labels, four features: weights from a set of 2^bits levels.
        for bits in 1..=8u32 {
            let levels: Vec<i8> = (0..1i32 << bits).map(|i| (i - (1 << (bits - 1))).clamp(-127, 127) as i8).collect();
            let weights: Vec<i8> = (0..12).map(|i| levels[(i * 7) % levels.len()]).collect();
            let p = parts(weights);
            let bytes = encode(&p, 3, bits, None).expect("encodes");
            assert_eq!(decode(&bytes, 3, None), Ok(p), "{bits} bits");
        }
    }

    #[test]
    fn a_model_without_features_round_trips() {
        // Its empty level table had been written as a count of 0, which
        // reads as 256 levels (found by `fuzz/fuzz_targets/model.rs`).
        let empty = ModelParts { keys: Vec::new(), weights: Vec::new(), ..parts(Vec::new()) };
        for bits in [1, 4, 8] {
            assert_eq!(decode(&encode(&empty, 3, bits, None).expect("encodes"), 3, None), Ok(empty.clone()));
        }
    }

    #[test]
    fn too_many_levels_for_the_bits_is_an_error() {
        let p = parts(vec![0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(encode(&p, 3, 2, None), Err(FormatError("more weight levels than the bits can index")));
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let bytes = encode(&parts(vec![1, -1, 0, 5, 5, 5, -3, 0, 0, 2, 2, 2]), 3, 4, None).expect("encodes");
        assert_eq!(decode(&bytes[..bytes.len() - 1], 3, None), Err(FormatError("truncated")));
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer, 3, None), Err(FormatError("size mismatch")));
        assert_eq!(decode(&bytes, 4, None), Err(FormatError("unexpected label count")));
        assert_eq!(decode(b"MGNER\x02", 3, None), Err(FormatError("not a Marginalia NER model")));
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut], 3, None).is_err(), "cut at {cut}");
        }
        // A scale or transition that is not a number (found by the fuzz
        // target: the tagger would have scored every path as NaN).
        let mut nan = bytes.clone();
        nan[MAGIC.len() + 1 + 4..MAGIC.len() + 1 + 8].copy_from_slice(&f32::NAN.to_le_bytes());
        assert_eq!(decode(&nan, 3, None), Err(FormatError("a weight that is not a finite number")));
        nan[MAGIC.len() + 1..MAGIC.len() + 1 + 4].copy_from_slice(&f32::INFINITY.to_le_bytes());
        assert_eq!(decode(&nan, 3, None), Err(FormatError("a weight that is not a finite number")));
        // A feature count far beyond the bytes left.
        let mut huge = bytes.clone();
        let at = MAGIC.len() + 1 + 4 + 12 * 4;
        huge[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decode(&huge, 3, None), Err(FormatError("truncated")));
    }

    #[test]
    fn a_model_over_a_base_round_trips_with_that_base() {
        // The first and the last hash of `parts` are in the base, the
        // middle two are the model's own; the base has two it does not keep.
        let base = [1, 3, 9, u32::MAX];
        let p = parts(vec![1, -1, 0, 5, 5, 5, -3, 0, 0, 2, 2, 2]);
        let bytes = encode(&p, 3, 4, Some(&base)).expect("encodes");
        assert!(bytes.starts_with(MAGIC_OVER_BASE));
        assert_eq!(decode(&bytes, 3, Some(&base)), Ok(p.clone()));
        assert!(bytes.len() < encode(&p, 3, 4, None).expect("encodes").len(), "shared hashes take a bit each");
        // Without its base the file is an error that says what it needs,
        // and a base that keeps more hashes than the model holds is no model.
        assert_eq!(decode(&bytes, 3, None), Err(FormatError("a model written over another model's features: read it with that model")));
        // Read over another base, even one of the same length, it is an
        // error, not a model with other features.
        assert_eq!(decode(&bytes, 3, Some(&[1, 3, 9, 10])), Err(FormatError("written over another model than the one given: use the pair training wrote")));
        // A bitmap keeping more hashes than the model holds: the bitmap
        // follows the header (magic, labels, scale, twelve transitions,
        // the count, bits and level count, six levels) and the fingerprint.
        let other = [1, 2, 3, 4, 5, 6, 7, 8];
        let mut more = bytes.clone();
        let at = MAGIC.len() + 1 + 4 + 12 * 4 + 4 + 2 + 6;
        more[at..at + 4].copy_from_slice(&fingerprint(&other).to_le_bytes());
        more[at + 4] = 0xff;
        assert_eq!(decode(&more, 3, Some(&other)), Err(FormatError("more hashes kept than the model holds")));
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut], 3, Some(&base)).is_err(), "cut at {cut}");
        }
        // A standalone file reads the same whatever base is offered.
        let alone = encode(&p, 3, 4, None).expect("encodes");
        assert_eq!(decode(&alone, 3, Some(&base)), Ok(p));
    }
}
