//! Sorting with one compiled copy of the standard library's sort.
//!
//! Why this exists: `slice::sort_by` is generic over its comparator, so
//! every call site with its own closure compiles a copy of the whole sort
//! (driftsort or ipnsort: 3–10 KB of wasm each). The page's wasm had 36
//! such copies from about 20 call sites: 117 KB before `wasm-opt`, a fifth
//! of what the first screen was over issue 20's download bar (docs/build-size.md). The functions here sort a list of *positions* with a
//! comparator behind `&dyn Fn`, so the standard sort is compiled once for
//! the whole program, and then move the items to their places.
//!
//! What it costs: one indirect call per comparison and one pass to move
//! the items. For the lists the page sorts (at most a few tens of
//! thousands of highlights or annotations) that is well under a
//! millisecond; the analysis' own hot loops, which run in the worker,
//! keep the standard sort.
//!
//! Both functions are **stable**: items that compare equal keep their
//! order, as with `slice::sort_by`.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (as `slice::sort_by` does).
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    apply(items, order);
}

/// Sorts `items` by the key `key` gives, stably (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in sorted order: the one place the standard
/// sort is instantiated (its comparator type is always the same).
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Puts the item at `order[k]` at position `k`, in place, by following
/// each cycle of the permutation (no `Clone`, no second list of items).
fn apply<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_permutation_is_applied_in_place() {
        let mut v = vec!['a', 'b', 'c', 'd'];
        apply(&mut v, vec![2, 0, 3, 1]);
        assert_eq!(v, vec!['c', 'a', 'd', 'b']);
    }

    #[test]
    fn empty_and_single_lists_are_left_as_they_are() {
        let mut none: Vec<u8> = vec![];
        sort_by_key(&mut none, |x| *x);
        assert!(none.is_empty());
        let mut one = vec![7];
        sort_by(&mut one, |a, b| a.cmp(b));
        assert_eq!(one, vec![7]);
    }

    proptest! {
        /// The same result as the standard library's stable sort, ties
        /// included (the second field tells equal keys apart).
        #[test]
        fn it_sorts_as_the_standard_library_does(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut std = v.clone();
            std.sort_by_key(|p| p.0);
            prop_assert_eq!(&ours, &std);
            let mut desc = v;
            sort_by(&mut desc, |a, b| b.cmp(a));
            std.sort_by(|a, b| b.cmp(a));
            prop_assert_eq!(desc, std);
        }
    }
}
