//! Word automata decoded into flat arrays, so that one step of a walk is array indexing.
//!
//! # Why not walk the `fst` itself
//!
//! The word lists are built as [`fst`] maps: minimal acyclic automata that share both
//! prefixes and suffixes, with each key's value spread over the transitions it takes.
//! An `fst` stores every state as a variable-width packed record (a header byte, then
//! inputs, outputs and addresses in as few bytes as each state needs), so every step of
//! a walk first decodes the state it is on. The word stage walks these automata from
//! every syllable boundary of the text, so that decoding was about a third of all the
//! time spent cleaning. An [`Automaton`] keeps the very same states and transitions (the
//! same DAG, not a trie expanded from it) but stores them as fixed-width records.
//!
//! # Layout
//!
//! One byte buffer, every number little-endian:
//!
//! | bytes | what |
//! |---|---|
//! | 24 | header: magic `LAOA`, number of states *S*, of transitions *T*, of keys, of dense states *D*, the start state |
//! | (*S* + 1) × 8 | per state: its first transition (u32) and its final output (u32; `u32::MAX`: not final) |
//! | *T* × 8 | per transition: its output (u32) and target state (u32) |
//! | *D* × 128 | per dense state: its transition over each byte 0x80–0xFF (u8: which of its transitions; 255: none) |
//! | *T* | per transition: its input byte |
//!
//! The transitions of state *s* are the indices `first(s)..first(s + 1)` (a last state
//! record closes the list), sorted by input byte, so finding the transition over a byte
//! is a scan of a few contiguous bytes, and taking it two loads. Most states have one
//! transition or two; the few with [`DENSE_MIN`] or more (the start state, the first
//! letters of words) come first, states 0 to *D* − 1, and also have a *dense* table,
//! indexed by the byte: the key bytes of Lao letters are 0x80–0xFF (code point −
//! U+0E00), so the steps from the busiest states cost one load instead of a scan. The
//! other states are numbered in depth-first order from the start state (children in
//! input order), so the states of one word's path, mostly single-transition chains
//! below the branching prefix, lie next to each other in memory.
//!
//! The outputs are the `fst`'s own: a key's value is the sum of the outputs along its
//! path plus the final output of its last state, and outputs stay pushed toward the
//! start state, so the sum so far on the way to a state is the least value of any key
//! below it (the skeleton walk prunes on that). Values must fit in a `u32` (word costs
//! are a few tens of thousands at most).
//!
//! `build.rs` decodes the embedded word list and skeleton index at build time (this file
//! is also a module of the build script) and the binary embeds the flat bytes, so they
//! cost nothing at start-up; automata built at run time (users' words) are decoded once,
//! when they are built.
//!
//! ```
//! use laoclean::words::automaton::Automaton;
//! let map = fst::Map::from_iter([(&b"ab"[..], 3u64), (b"abc", 1), (b"b", 7)]).unwrap();
//! let a = Automaton::from_fst(map.as_fst());
//! assert_eq!(a.len(), 3);
//! assert_eq!(a.get(b"abc"), Some(1));
//! assert_eq!(a.get(b"a"), None);
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

const MAGIC: &[u8; 4] = b"LAOA";
const HEADER: usize = 24;
/// States with at least this many transitions get a dense table (see the [module docs](self)).
pub const DENSE_MIN: usize = 4;
/// Bytes of one dense table.
const DENSE: usize = 128;
/// No transition, in a dense table.
const NO_TRANSITION: u8 = u8::MAX;
/// The final output of a state that is not final.
const NOT_FINAL: u32 = u32::MAX;

/// The bytes of an automaton: embedded in the binary or built at run time.
#[derive(Clone)]
enum Bytes {
    Static(&'static [u8]),
    Shared(Arc<[u8]>),
}

/// A word automaton with values, as flat fixed-width records (see the [module docs](self)).
/// Cheap to clone (the records are shared).
///
/// ```
/// use laoclean::words::automaton::Automaton;
/// let map = fst::Map::from_iter([(&b"ka"[..], 10u64)]).unwrap();
/// assert_eq!(Automaton::from_fst(map.as_fst()).get(b"ka"), Some(10));
/// ```
#[derive(Clone)]
pub struct Automaton {
    bytes: Bytes,
    states: usize,
    transitions: usize,
    keys: usize,
    dense: usize,
    start: usize,
}

impl std::fmt::Debug for Automaton {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Automaton")
            .field("states", &self.states)
            .field("transitions", &self.transitions)
            .field("keys", &self.keys)
            .field("dense", &self.dense)
            .finish()
    }
}

impl Automaton {
    /// Decodes the states of `fst` into flat records.
    ///
    /// Panics if a value does not fit in a `u32`.
    ///
    /// ```
    /// use laoclean::words::automaton::Automaton;
    /// let set = fst::Set::from_iter(["a", "b"]).unwrap();
    /// assert_eq!(Automaton::from_fst(set.as_fst()).len(), 2);
    /// ```
    pub fn from_fst<D: AsRef<[u8]>>(fst: &fst::raw::Fst<D>) -> Automaton {
        Automaton::parse(Bytes::Shared(encode(fst).into())).expect("records just encoded")
    }

    /// The automaton of bytes made by [`encode`] (at build time), without copying them.
    pub(crate) fn from_static(bytes: &'static [u8]) -> Automaton {
        Automaton::parse(Bytes::Static(bytes)).expect("embedded automaton is valid")
    }

    fn parse(bytes: Bytes) -> Option<Automaton> {
        let b: &[u8] = match &bytes {
            Bytes::Static(b) => b,
            Bytes::Shared(b) => b,
        };
        if b.get(..4)? != MAGIC {
            return None;
        }
        let field = |i: usize| Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize);
        let (states, transitions, keys) = (field(4)?, field(8)?, field(12)?);
        let (dense, start) = (field(16)?, field(20)?);
        let len = HEADER + (states + 1) * 8 + transitions * 9 + dense * DENSE;
        (b.len() == len && start < states && dense <= states).then_some(Automaton {
            bytes,
            states,
            transitions,
            keys,
            dense,
            start,
        })
    }

    /// The bytes of the records.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match &self.bytes {
            Bytes::Static(b) => b,
            Bytes::Shared(b) => b,
        }
    }

    /// Number of keys.
    ///
    /// ```
    /// let set = fst::Set::from_iter(["a"]).unwrap();
    /// assert_eq!(laoclean::words::automaton::Automaton::from_fst(set.as_fst()).len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.keys
    }

    /// Has the automaton no keys?
    ///
    /// ```
    /// let set = fst::Set::from_iter(Vec::<&str>::new()).unwrap();
    /// assert!(laoclean::words::automaton::Automaton::from_fst(set.as_fst()).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.keys == 0
    }

    /// The value of `key`, if it is a key.
    ///
    /// ```
    /// let map = fst::Map::from_iter([("ab", 5u64)]).unwrap();
    /// let a = laoclean::words::automaton::Automaton::from_fst(map.as_fst());
    /// assert_eq!((a.get(b"ab"), a.get(b"abc")), (Some(5), None));
    /// ```
    pub fn get(&self, key: &[u8]) -> Option<u64> {
        let a = self.flat();
        let mut s = a.start();
        let mut out = 0;
        for &b in key {
            let t = a.find(s, b)?;
            out += a.output(t);
            s = a.target(t);
        }
        a.final_output(s).map(|f| out + f)
    }

    /// Calls `f(key, value)` for every key, in byte order.
    pub(crate) fn for_each(&self, mut f: impl FnMut(&[u8], u64)) {
        let a = self.flat();
        let mut key = Vec::new();
        // (value so far, transitions left to take) of each state on the path.
        let mut stack = vec![(0u64, a.transitions(a.start()))];
        if let Some(v) = a.final_output(a.start()) {
            f(&key, v);
        }
        while let Some((out, next)) = stack.last_mut() {
            let Some(t) = next.next() else {
                stack.pop();
                key.pop();
                continue;
            };
            let out = *out + a.output(t);
            let s = a.target(t);
            key.push(a.input(t));
            if let Some(v) = a.final_output(s) {
                f(&key, out + v);
            }
            stack.push((out, a.transitions(s)));
        }
    }

    /// The records as slices, for walks.
    #[inline]
    pub(crate) fn flat(&self) -> Flat<'_> {
        let b = self.as_bytes().split_at(HEADER).1;
        let (states, b) = b.split_at((self.states + 1) * 8);
        let (arcs, b) = b.split_at(self.transitions * 8);
        let (dense, inputs) = b.split_at(self.dense * DENSE);
        Flat {
            states,
            arcs,
            dense,
            inputs,
            dense_states: self.dense,
            start: self.start,
        }
    }
}

/// The records of an [`Automaton`], borrowed: states and transitions are indices.
#[derive(Clone, Copy)]
pub(crate) struct Flat<'a> {
    states: &'a [u8],
    arcs: &'a [u8],
    dense: &'a [u8],
    inputs: &'a [u8],
    dense_states: usize,
    start: usize,
}

#[inline]
fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(b[i..i + 4].try_into().expect("four bytes"))
}

impl Flat<'_> {
    /// The start state.
    #[inline]
    pub(crate) fn start(self) -> usize {
        self.start
    }

    /// The final output of state `s`, if it is final.
    #[inline]
    pub(crate) fn final_output(self, s: usize) -> Option<u64> {
        let f = u32_at(self.states, s * 8 + 4);
        (f != NOT_FINAL).then_some(f as u64)
    }

    /// The transitions of state `s`, in input order.
    #[inline]
    pub(crate) fn transitions(self, s: usize) -> Range<usize> {
        u32_at(self.states, s * 8) as usize..u32_at(self.states, s * 8 + 8) as usize
    }

    /// The input byte of transition `t`.
    #[inline]
    pub(crate) fn input(self, t: usize) -> u8 {
        self.inputs[t]
    }

    /// The output of transition `t`.
    #[inline]
    pub(crate) fn output(self, t: usize) -> u64 {
        u32_at(self.arcs, t * 8) as u64
    }

    /// The state transition `t` leads to.
    #[inline]
    pub(crate) fn target(self, t: usize) -> usize {
        u32_at(self.arcs, t * 8 + 4) as usize
    }

    /// The transition of state `s` over byte `b`, if any.
    #[inline(always)]
    pub(crate) fn find(self, s: usize, b: u8) -> Option<usize> {
        if s < self.dense_states && b >= 0x80 {
            let i = self.dense[s * DENSE + (b as usize - 0x80)];
            return (i != NO_TRANSITION).then(|| u32_at(self.states, s * 8) as usize + i as usize);
        }
        let r = self.transitions(s);
        let i = self.inputs[r.clone()].iter().position(|&x| x == b)?;
        Some(r.start + i)
    }
}

/// The records of `fst` as bytes (see the [module docs](self)).
///
/// Panics if a value does not fit in a `u32`.
pub(crate) fn encode<D: AsRef<[u8]>>(fst: &fst::raw::Fst<D>) -> Vec<u8> {
    // Depth-first order, children in input order; then the dense states first.
    let mut seen: std::collections::HashSet<fst::raw::CompiledAddr> = Default::default();
    let mut preorder = Vec::new();
    let mut stack = vec![fst.root().addr()];
    while let Some(addr) = stack.pop() {
        if !seen.insert(addr) {
            continue;
        }
        preorder.push(addr);
        let node = fst.node(addr);
        for i in (0..node.len()).rev() {
            stack.push(node.transition_addr(i));
        }
    }
    // (A dense table says which of the state's transitions: the first 255 only.)
    let is_dense = |&a: &fst::raw::CompiledAddr| {
        let node = fst.node(a);
        node.len() >= DENSE_MIN && node.len() <= NO_TRANSITION as usize
    };
    let (mut order, sparse): (Vec<_>, Vec<_>) = preorder.into_iter().partition(is_dense);
    let dense = order.len();
    order.extend(sparse);
    let index: HashMap<fst::raw::CompiledAddr, u32> = order
        .iter()
        .enumerate()
        .map(|(i, &a)| (a, i as u32))
        .collect();
    let fit = |v: u64| -> u32 {
        u32::try_from(v)
            .ok()
            .filter(|&v| v != NOT_FINAL)
            .expect("automaton values fit in a u32")
    };
    let count = |n: usize| (n as u32).to_le_bytes();
    let transitions: usize = order.iter().map(|&a| fst.node(a).len()).sum();
    let mut states = Vec::with_capacity((order.len() + 1) * 8);
    let mut arcs = Vec::with_capacity(transitions * 8);
    let mut inputs = Vec::with_capacity(transitions);
    let mut tables = Vec::with_capacity(dense * DENSE);
    for (s, &addr) in order.iter().enumerate() {
        let node = fst.node(addr);
        if s < dense {
            let mut table = [NO_TRANSITION; 128];
            for (i, t) in node.transitions().enumerate() {
                if t.inp >= 0x80 {
                    table[t.inp as usize - 0x80] = i as u8;
                }
            }
            tables.extend(table);
        }
        states.extend(count(inputs.len()));
        let fin = if node.is_final() {
            fit(node.final_output().value())
        } else {
            NOT_FINAL
        };
        states.extend(fin.to_le_bytes());
        for t in node.transitions() {
            arcs.extend(fit(t.out.value()).to_le_bytes());
            arcs.extend(index[&t.addr].to_le_bytes());
            inputs.push(t.inp);
        }
    }
    states.extend(count(inputs.len()));
    states.extend(NOT_FINAL.to_le_bytes());
    let mut out =
        Vec::with_capacity(HEADER + states.len() + arcs.len() + tables.len() + inputs.len());
    out.extend(MAGIC);
    out.extend(count(order.len()));
    out.extend(count(transitions));
    out.extend(count(fst.len()));
    out.extend(count(dense));
    out.extend(count(index[&fst.root().addr()] as usize));
    out.extend(states);
    out.extend(arcs);
    out.extend(tables);
    out.extend(inputs);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_and_value_survives_decoding_in_order() {
        let keys: Vec<(Vec<u8>, u64)> = vec![
            (vec![], 4),
            (vec![0x81], 9),
            (vec![0x81, 0x82], 1),
            (vec![0x81, 0x82, 0x83], 30),
            (vec![0x85, 0x82, 0x83], 2),
            (vec![0x90], 0),
        ];
        let map = fst::Map::from_iter(keys.iter().map(|(k, v)| (k.clone(), *v))).unwrap();
        let a = Automaton::from_fst(map.as_fst());
        let mut seen = vec![];
        a.for_each(|k, v| seen.push((k.to_vec(), v)));
        assert_eq!(seen, keys);
        for (k, v) in &keys {
            assert_eq!(a.get(k), Some(*v));
        }
        assert_eq!(a.get(&[0x85]), None);
        assert_eq!(a.get(&[0x81, 0x82, 0x83, 0x84]), None);
        // Shared suffixes stay shared: the DAG is not expanded.
        assert!(a.states < 1 + keys.iter().map(|k| k.0.len()).sum::<usize>());
    }

    #[test]
    fn prefix_sums_match_the_fst_outputs() {
        let map = fst::Map::from_iter([("ab", 10u64), ("ac", 3), ("b", 7)]).unwrap();
        let a = Automaton::from_fst(map.as_fst());
        let f = a.flat();
        let fst = map.as_fst();
        let (mut node, mut s) = (fst.root(), f.start());
        for &b in b"ac" {
            let i = node.find_input(b).unwrap();
            let t = f.find(s, b).unwrap();
            assert_eq!(node.transition(i).out.value(), f.output(t));
            node = fst.node(node.transition(i).addr);
            s = f.target(t);
        }
        assert_eq!(node.final_output().value(), f.final_output(s).unwrap());
    }

    #[test]
    fn dense_states_find_the_same_transitions_as_a_scan() {
        // A start state with many transitions (one below 0x80) and a second busy state.
        let mut keys: Vec<(Vec<u8>, u64)> = vec![(vec![0x10], 3)];
        keys.extend((0x81..0x81 + DENSE_MIN as u8 + 2).map(|b| (vec![b], b as u64)));
        keys.extend((0x81..0x81 + DENSE_MIN as u8).map(|b| (vec![0xA0, b], 100 + b as u64)));
        keys.sort();
        let map = fst::Map::from_iter(keys.iter().map(|(k, v)| (k.clone(), *v))).unwrap();
        let a = Automaton::from_fst(map.as_fst());
        assert_eq!(a.dense, 2);
        for (k, v) in &keys {
            assert_eq!(a.get(k), Some(*v), "{k:?}");
        }
        let f = a.flat();
        for s in 0..a.states {
            for b in 0..=255u8 {
                let scan = f.transitions(s).find(|&t| f.input(t) == b);
                assert_eq!(f.find(s, b), scan, "state {s} byte {b:#x}");
            }
        }
        let mut seen = vec![];
        a.for_each(|k, v| seen.push((k.to_vec(), v)));
        assert_eq!(seen, keys);
    }

    #[test]
    fn bad_bytes_are_refused() {
        assert!(Automaton::parse(Bytes::Static(b"LAOA")).is_none());
        assert!(Automaton::parse(Bytes::Static(&[0; 40])).is_none());
    }
}
