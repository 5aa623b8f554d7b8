//! Word automata decoded into compact records, so that one step of a walk is a few loads
//! from one place in memory.
//!
//! # Why not walk the `fst` itself
//!
//! The word lists are built as [`fst`] maps: minimal acyclic automata that share both
//! prefixes and suffixes, with each key's value spread over the transitions it takes.
//! An `fst` packs every state into as few bytes as it needs, in a way that takes a good
//! deal of decoding at every step of a walk. The word stage walks these automata from
//! every syllable boundary of the text, so that decoding was about a third of all the
//! time spent cleaning. An [`Automaton`] keeps the very same states and transitions (the
//! same DAG, not a trie expanded from it) in records that are quick to read: a header
//! byte says what the record holds, and the fields are whole bytes at fixed places.
//!
//! # Layout
//!
//! One byte buffer, every number little-endian: a 24-byte header (magic `LAOB`, number
//! of states, of transitions, of keys, of states with a dense table, the start state),
//! then one record per state. A state *is* the byte offset of its record. The records
//! are in depth-first order from the start state (children in input order), so the
//! record after a state's is usually the target of its first transition: a walk down
//! a word reads on through memory instead of jumping, and the step to the next record
//! need not be stored.
//!
//! Most states (four in five of the skeleton index's) have one transition, over a Lao
//! letter (key bytes 0x80–0xFF: code point − U+0E00) or the skeleton's separator 0x00,
//! with no output, to the very next record (whose state has no dense table), and are
//! not final. Such a state is one byte, its input:
//!
//! | bytes | what |
//! |---|---|
//! | 1 | the input byte (0x00 or ≥ 0x80); the target is the next record, the output 0 |
//!
//! Any other state starts with a header byte from 0x01 to 0x7F: bit 0 *final*, bit 1
//! *outputs*, bit 2 *dense*, bits 4–6 the number of transitions *n* if below 7 (7: a
//! count byte follows); bit 3 is set only in a header that would otherwise be 0x00 (no
//! transitions and not final: the start of an empty automaton).
//!
//! | bytes | what |
//! |---|---|
//! | 0 or 128 | if *dense*, just before the header: the transition over each byte 0x80–0xFF (u8: which of the *n*; 255: none) |
//! | 1 | header byte |
//! | 0 or 2 | the final output (u16), if *final* (a dense record always has it: 0 if not final) |
//! | 0 or 1 | *n* − 1, if bits 4–6 are 7 (a dense record always has it) |
//! | 4*n* or 6*n* | the arcs: each transition's target (u32 byte offset of its record), then its output (u16) if *outputs* (else the outputs are all 0) |
//! | *n* | the input bytes, in increasing order |
//!
//! Eight zero bytes follow the last record, so that the first four bytes of a record
//! (header and final output) and the eight from an arc (target and output) are each
//! one read. Finding the transition over a byte is a scan of a few contiguous bytes,
//! or for the states with [`DENSE_MIN`] or more transitions (the start state, the first
//! letters of words) one load from the dense table, whose record then has its arcs at
//! a fixed place (its header is 0x74 to 0x77); taking it reads the arc, in the same
//! record. Dense tables pay for themselves: with [`DENSE_MIN`] at 8 instead of 4 the
//! scans cost more instructions than the tables' cache misses.
//!
//! The outputs are the `fst`'s own: a key's value is the sum of the outputs along its
//! path plus the final output of its last state, and outputs stay pushed toward the
//! start state, so the sum so far on the way to a state is the least value of any key
//! below it (the skeleton walk prunes on that). Every output must fit in a `u16`: word
//! costs are `round(−ln(count / total) × 1000)`, at most 44,362 for any `u64` total,
//! and encoding panics on a larger one (so a build with such data fails loudly).
//!
//! `build.rs` decodes the embedded word list and skeleton index at build time (this file
//! is also a module of the build script) and the binary embeds the records, so they
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
use std::sync::Arc;

const MAGIC: &[u8; 4] = b"LAOB";
const HEADER: usize = 24;
/// States with at least this many transitions get a dense table (see the [module docs](self)).
pub const DENSE_MIN: usize = 4;
/// Bytes of one dense table.
const DENSE: usize = 128;
/// Where the arcs of a dense record start: after the header, the final output (0 if
/// not final) and the count byte, which it always has.
const DENSE_ARCS: usize = 4;
/// No transition, in a dense table.
const NO_TRANSITION: u8 = u8::MAX;
/// Header bits of a record that is not one byte.
const FINAL: u8 = 1;
const OUTPUTS: u8 = 2;
const DENSE_TABLE: u8 = 4;
/// Zero bytes after the last record, so that reads of a few bytes at once never run
/// past the end.
const PADDING: usize = 8;
/// The header of a state with no transitions that is not final (only the start state
/// of an empty automaton), which would otherwise be 0x00, a one-byte record.
const EMPTY: u8 = 8;
/// The count field (bits 4–6) that says a count byte follows.
const COUNT_BYTE: u8 = 7;

/// The bytes of an automaton: embedded in the binary or built at run time.
#[derive(Clone)]
enum Bytes {
    Static(&'static [u8]),
    Shared(Arc<[u8]>),
}

/// A word automaton with values, as compact records (see the [module docs](self)).
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
    /// Decodes the states of `fst` into compact records.
    ///
    /// Panics if a value does not fit in a `u16` (word costs always do).
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
        (start >= HEADER && start + PADDING < b.len() && dense <= states).then_some(Automaton {
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
        self.get_bytes(key.iter().copied())
    }

    /// [`get`](Self::get) for a key given byte by byte, so a caller that maps
    /// characters to key bytes needs no buffer.
    ///
    /// ```
    /// let map = fst::Map::from_iter([("ab", 5u64)]).unwrap();
    /// let a = laoclean::words::automaton::Automaton::from_fst(map.as_fst());
    /// assert_eq!(a.get_bytes("ab".bytes()), Some(5));
    /// ```
    pub fn get_bytes(&self, key: impl IntoIterator<Item = u8>) -> Option<u64> {
        let a = self.flat();
        let mut s = a.start();
        let mut out = 0;
        for b in key {
            let t = a.find(s, b)?;
            out += t.output;
            s = t.target;
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
            let out = *out + t.output;
            key.push(t.input);
            if let Some(v) = a.final_output(t.target) {
                f(&key, out + v);
            }
            stack.push((out, a.transitions(t.target)));
        }
    }

    /// The records, for walks.
    #[inline]
    pub(crate) fn flat(&self) -> Flat<'_> {
        Flat {
            b: self.as_bytes(),
            start: self.start,
        }
    }
}

/// The records of an [`Automaton`], borrowed: a state is the byte offset of its record.
#[derive(Clone, Copy)]
pub(crate) struct Flat<'a> {
    b: &'a [u8],
    start: usize,
}

/// One transition: its input byte, output and target state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Transition {
    pub(crate) input: u8,
    pub(crate) output: u64,
    pub(crate) target: usize,
}

#[inline(always)]
fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(b[i..i + 4].try_into().expect("four bytes"))
}

/// The eight bytes from `i` (the records end in [`PADDING`] zero bytes, so this can
/// read past the end of the last arc or record).
#[inline(always)]
fn u64_at(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes"))
}

/// Is `h` a one-byte record (0x00 or 0x80 and up), not a header?
#[inline(always)]
fn is_one_byte(h: u8) -> bool {
    h.wrapping_sub(1) >= 0x7F
}

/// Where the fields of a record that is not one byte are.
#[derive(Clone, Copy)]
struct Record {
    header: u8,
    /// Number of transitions.
    n: usize,
    /// Offset of the arcs (target and output of each transition).
    arcs: usize,
    /// Offset of the input bytes.
    inputs: usize,
}

/// Offset of the arcs of the record of `s` (header `h`): after the header, the final
/// output and the count byte (a dense record always has both, so its arcs are at a
/// fixed place).
#[inline(always)]
fn arcs_at(s: usize, h: u8) -> usize {
    if h & DENSE_TABLE != 0 {
        s + DENSE_ARCS
    } else {
        s + 1 + 2 * (h & FINAL) as usize + usize::from(h >> 4 == COUNT_BYTE)
    }
}

/// Bytes of one arc in a record with header `h`: a target, and an output if *outputs*.
#[inline(always)]
fn stride(h: u8) -> usize {
    4 + (h & OUTPUTS) as usize
}

impl<'a> Flat<'a> {
    /// The start state.
    #[inline]
    pub(crate) fn start(self) -> usize {
        self.start
    }

    /// The layout of the record of `s`, which is not one byte (header `h`).
    #[inline(always)]
    fn record(self, s: usize, h: u8) -> Record {
        let arcs = arcs_at(s, h);
        let count = h >> 4;
        let n = if count == COUNT_BYTE {
            self.b[arcs - 1] as usize + 1
        } else {
            count as usize
        };
        Record {
            header: h,
            n,
            arcs,
            inputs: arcs + n * stride(h),
        }
    }

    /// The output and target of the arc at offset `at` of a record with header `h`.
    #[inline(always)]
    fn arc(self, h: u8, at: usize) -> (u64, usize) {
        // One read for both: the target, then the output if *outputs* (bit 1).
        let w = u64_at(self.b, at);
        let output = (w >> 32) & 0xFFFF & (0u64.wrapping_sub(((h & OUTPUTS) >> 1) as u64));
        (output, w as u32 as usize)
    }

    /// The final output of state `s`, if it is final.
    #[inline(always)]
    pub(crate) fn final_output(self, s: usize) -> Option<u64> {
        // One-byte records (0x00, 0x80 and up) are never final.
        Flat::final_of(self.head(s))
    }

    /// Transition `i` of record `r`.
    #[inline(always)]
    fn transition(self, r: Record, i: usize) -> Transition {
        let (output, target) = self.arc(r.header, r.arcs + i * stride(r.header));
        Transition {
            input: self.b[r.inputs + i],
            output,
            target,
        }
    }

    /// The record of state `s` whose first byte is `h`, decoded once to look at several
    /// of its transitions.
    #[inline(always)]
    pub(crate) fn node_from(self, s: usize, h: u8) -> Node {
        if is_one_byte(h) {
            Node {
                header: h,
                n: 1,
                arcs: s as u32 + 1,
                inputs: s as u32,
            }
        } else {
            let r = self.record(s, h);
            Node {
                header: h,
                n: r.n as u32,
                arcs: r.arcs as u32,
                inputs: r.inputs as u32,
            }
        }
    }

    /// The input bytes of `node`'s transitions, in increasing order.
    #[inline(always)]
    pub(crate) fn inputs(self, node: Node) -> &'a [u8] {
        let inputs = node.inputs as usize;
        &self.b[inputs..inputs + node.n as usize]
    }

    /// Transition `i` of `node` (`i` below the number of its inputs).
    #[inline(always)]
    pub(crate) fn transition_of(self, node: Node, i: usize) -> Transition {
        if is_one_byte(node.header) {
            Transition {
                input: node.header,
                output: 0,
                target: node.inputs as usize + 1,
            }
        } else {
            self.transition(
                Record {
                    header: node.header,
                    n: node.n as usize,
                    arcs: node.arcs as usize,
                    inputs: node.inputs as usize,
                },
                i,
            )
        }
    }

    /// The transitions of state `s`, in input order.
    #[inline(always)]
    pub(crate) fn transitions(self, s: usize) -> Transitions<'a> {
        self.transitions_from(s, self.b[s])
    }

    /// [`Flat::transitions`] of state `s` whose first byte is `h`.
    #[inline(always)]
    pub(crate) fn transitions_from(self, s: usize, h: u8) -> Transitions<'a> {
        Transitions {
            b: self.b,
            node: self.node_from(s, h),
            i: 0,
        }
    }

    /// The first transition of state `s` (the one over its lowest byte) if it is over
    /// byte `b`: the transition over `b` when no byte below `b` has one.
    #[inline(always)]
    pub(crate) fn first_over(self, s: usize, b: u8) -> Option<Transition> {
        let h = self.b[s];
        if is_one_byte(h) {
            return chain_step(s, h, b);
        }
        let r = self.record(s, h);
        (r.n > 0 && self.b[r.inputs] == b).then(|| self.transition(r, 0))
    }

    /// The transition of state `s` over byte `b`, if any.
    #[inline(always)]
    pub(crate) fn find(self, s: usize, b: u8) -> Option<Transition> {
        self.find_from(s, self.b[s], b)
    }

    /// The first four bytes of the record of `s`: its header (or one byte) and, if it
    /// is final, its final output ([`Flat::final_of`]).
    #[inline(always)]
    pub(crate) fn head(self, s: usize) -> u32 {
        u32_at(self.b, s)
    }

    /// The final output of a state whose [`Flat::head`] is `w`, if it is final.
    #[inline(always)]
    pub(crate) fn final_of(w: u32) -> Option<u64> {
        // One-byte records (0x00, 0x80 and up) are never final.
        (w as u8 & (0x80 | FINAL) == FINAL).then_some((w >> 8) as u64 & 0xFFFF)
    }

    /// [`Flat::find`] from state `s` whose first byte is `h`.
    #[inline(always)]
    pub(crate) fn find_from(self, s: usize, h: u8, b: u8) -> Option<Transition> {
        // A dense record always has a count byte: its header is 0x74 to 0x77.
        if h & 0xFC == COUNT_BYTE << 4 | DENSE_TABLE && b >= 0x80 {
            // The table ends where the header is.
            let i = self.b[s + b as usize - 2 * DENSE];
            if i == NO_TRANSITION {
                return None;
            }
            let (output, target) = self.arc(h, s + DENSE_ARCS + i as usize * stride(h));
            return Some(Transition {
                input: b,
                output,
                target,
            });
        }
        if is_one_byte(h) {
            return chain_step(s, h, b);
        }
        let r = self.record(s, h);
        let i = self.b[r.inputs..r.inputs + r.n]
            .iter()
            .position(|&x| x == b)?;
        Some(self.transition(r, i))
    }

    /// The offset after the record of `s`.
    #[cfg(test)]
    fn end(self, s: usize) -> usize {
        let h = self.b[s];
        if is_one_byte(h) {
            s + 1
        } else {
            let r = self.record(s, h);
            r.inputs + r.n
        }
    }
}

/// The step of the one-byte record `h` of state `s` over byte `b`: to the next record,
/// with no output, if `h` is `b`.
#[inline(always)]
fn chain_step(s: usize, h: u8, b: u8) -> Option<Transition> {
    (h == b).then_some(Transition {
        input: b,
        output: 0,
        target: s + 1,
    })
}

/// A state's record, decoded: where its transitions are (see [`Flat::node_from`]).
#[derive(Clone, Copy)]
pub(crate) struct Node {
    header: u8,
    n: u32,
    /// Offset of the arcs (of a one-byte record: the next record). Offsets fit in a
    /// `u32` (checked when encoding).
    arcs: u32,
    /// Offset of the inputs (of a one-byte record: the record itself).
    inputs: u32,
}

/// The transitions of a state, in input order (see [`Flat::transitions`]).
#[derive(Clone, Copy)]
pub(crate) struct Transitions<'a> {
    b: &'a [u8],
    node: Node,
    i: u32,
}

impl Iterator for Transitions<'_> {
    type Item = Transition;

    #[inline(always)]
    fn next(&mut self) -> Option<Transition> {
        if self.i >= self.node.n {
            return None;
        }
        self.i += 1;
        let a = Flat {
            b: self.b,
            start: 0,
        };
        Some(a.transition_of(self.node, self.i as usize - 1))
    }
}

/// Where an iteration over a state's transitions stands, without borrowing the records
/// (so a walk's stack of them can be kept from one walk to the next): made by
/// [`Flat::cursor`], moved on by [`Flat::advance`].
#[derive(Clone, Copy)]
pub(crate) struct Cursor {
    node: Node,
    i: u32,
}

impl Flat<'_> {
    /// A cursor before the first transition of state `s`, whose first byte is `h`.
    #[inline(always)]
    pub(crate) fn cursor(self, s: usize, h: u8) -> Cursor {
        Cursor {
            node: self.node_from(s, h),
            i: 0,
        }
    }

    /// The transition at `c` (of this automaton), moving `c` past it; `None` at the end.
    #[inline(always)]
    pub(crate) fn advance(self, c: &mut Cursor) -> Option<Transition> {
        if c.i >= c.node.n {
            return None;
        }
        c.i += 1;
        Some(self.transition_of(c.node, c.i as usize - 1))
    }
}

/// Does a state with `n` transitions get a dense table? (It says which of the
/// transitions in a byte: the first 255 only.)
fn has_dense(n: usize) -> bool {
    (DENSE_MIN..=NO_TRANSITION as usize).contains(&n)
}

/// The records of `fst` as bytes (see the [module docs](self)).
///
/// Panics if a value does not fit in a `u16`, or the records in a `u32` offset.
pub(crate) fn encode<D: AsRef<[u8]>>(fst: &fst::raw::Fst<D>) -> Vec<u8> {
    // Depth-first order, children in input order.
    let mut seen: std::collections::HashSet<fst::raw::CompiledAddr> = Default::default();
    let mut order = Vec::new();
    let mut stack = vec![fst.root().addr()];
    while let Some(addr) = stack.pop() {
        if !seen.insert(addr) {
            continue;
        }
        order.push(addr);
        let node = fst.node(addr);
        for i in (0..node.len()).rev() {
            stack.push(node.transition_addr(i));
        }
    }
    let fit = |v: u64| -> u16 {
        u16::try_from(v).unwrap_or_else(|_| {
            panic!("automaton value {v} does not fit in a u16 (word costs are at most 44,362)")
        })
    };
    // The shape of each record: its header byte (or one-byte record) and size.
    let mut headers = Vec::with_capacity(order.len());
    let mut offsets = HashMap::with_capacity(order.len());
    let mut at = HEADER;
    let (mut transitions, mut dense) = (0, 0);
    for (i, &addr) in order.iter().enumerate() {
        let node = fst.node(addr);
        let n = node.len();
        transitions += n;
        // (A dense table comes before its state's header, so not right after this one.)
        let next = n > 0
            && order.get(i + 1) == Some(&node.transition_addr(0))
            && !has_dense(fst.node(node.transition_addr(0)).len());
        let outputs = node.transitions().any(|t| t.out.value() != 0);
        let (h, size) = if n == 1
            && next
            && !outputs
            && !node.is_final()
            && is_one_byte(node.transition(0).inp)
        {
            (node.transition(0).inp, 1)
        } else {
            let is_dense = has_dense(n);
            dense += usize::from(is_dense);
            let count_byte = n >= COUNT_BYTE as usize || is_dense;
            let mut h = (if count_byte { COUNT_BYTE } else { n as u8 }) << 4;
            let mut size = 1 + usize::from(count_byte) + 5 * n;
            if node.is_final() {
                h |= FINAL;
            }
            if node.is_final() || is_dense {
                size += 2;
            }
            if outputs {
                h |= OUTPUTS;
                size += 2 * n;
            }
            if is_dense {
                h |= DENSE_TABLE;
                at += DENSE;
            }
            if h == 0 {
                h = EMPTY;
            }
            (h, size)
        };
        headers.push(h);
        offsets.insert(addr, at);
        at += size;
    }
    let total = at;
    assert!(
        u32::try_from(total).is_ok(),
        "automaton records of {total} bytes need offsets wider than a u32"
    );
    let count = |n: usize| (n as u32).to_le_bytes();
    let mut out = Vec::with_capacity(total);
    out.extend(MAGIC);
    out.extend(count(order.len()));
    out.extend(count(transitions));
    out.extend(count(fst.len()));
    out.extend(count(dense));
    out.extend(count(offsets[&fst.root().addr()]));
    for (&addr, &h) in order.iter().zip(&headers) {
        let node = fst.node(addr);
        if !is_one_byte(h) && h & DENSE_TABLE != 0 {
            let mut table = [NO_TRANSITION; DENSE];
            for (i, t) in node.transitions().enumerate() {
                if t.inp >= 0x80 {
                    table[t.inp as usize - 0x80] = i as u8;
                }
            }
            out.extend(table);
        }
        debug_assert_eq!(out.len(), offsets[&addr]);
        out.push(h);
        if is_one_byte(h) {
            continue;
        }
        if h & FINAL != 0 {
            out.extend(fit(node.final_output().value()).to_le_bytes());
        } else if h & DENSE_TABLE != 0 {
            out.extend([0, 0]);
        }
        let n = node.len();
        if h >> 4 == COUNT_BYTE {
            out.push((n - 1) as u8);
        }
        for t in node.transitions() {
            out.extend(count(offsets[&t.addr]));
            if h & OUTPUTS != 0 {
                out.extend(fit(t.out.value()).to_le_bytes());
            }
        }
        out.extend(node.transitions().map(|t| t.inp));
    }
    debug_assert_eq!(out.len(), total);
    out.extend([0; PADDING]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every state's offset, in record order; checks that the records tile the bytes.
    fn records(a: &Automaton) -> Vec<usize> {
        let f = a.flat();
        let mut seen = std::collections::BTreeSet::from([f.start()]);
        let mut todo = vec![f.start()];
        while let Some(s) = todo.pop() {
            for t in f.transitions(s) {
                if seen.insert(t.target) {
                    todo.push(t.target);
                }
            }
        }
        let mut at = HEADER;
        for &s in &seen {
            let h = a.as_bytes()[s];
            let table = if !is_one_byte(h) && h & DENSE_TABLE != 0 {
                DENSE
            } else {
                0
            };
            assert_eq!(at + table, s, "records tile the bytes");
            at = f.end(s);
        }
        assert_eq!(at + PADDING, a.as_bytes().len());
        seen.into_iter().collect()
    }

    fn automaton(keys: &[(Vec<u8>, u64)]) -> Automaton {
        let map = fst::Map::from_iter(keys.iter().map(|(k, v)| (k.clone(), *v))).unwrap();
        Automaton::from_fst(map.as_fst())
    }

    /// Checks every key and value, the key order, and `find` against a scan everywhere.
    fn check(a: &Automaton, keys: &[(Vec<u8>, u64)]) {
        let mut seen = vec![];
        a.for_each(|k, v| seen.push((k.to_vec(), v)));
        assert_eq!(seen, keys);
        for (k, v) in keys {
            assert_eq!(a.get(k), Some(*v), "{k:?}");
        }
        let f = a.flat();
        let states = records(a);
        assert_eq!(states.len(), a.states);
        for &s in &states {
            let all: Vec<Transition> = f.transitions(s).collect();
            assert!(all.windows(2).all(|w| w[0].input < w[1].input));
            for b in [0x00, 0x81, 0x90] {
                let first = all.first().filter(|t| t.input == b).copied();
                assert_eq!(f.first_over(s, b), first);
            }
            for t in &all {
                assert!(states.contains(&t.target), "state {s}: target {}", t.target);
            }
            for b in 0..=255u8 {
                let scan = all.iter().find(|t| t.input == b).copied();
                assert_eq!(f.find(s, b), scan, "state {s} byte {b:#x}");
            }
        }
    }

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
        let a = automaton(&keys);
        check(&a, &keys);
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
            assert_eq!(node.transition(i).out.value(), t.output);
            node = fst.node(node.transition(i).addr);
            s = t.target;
        }
        assert_eq!(node.final_output().value(), f.final_output(s).unwrap());
    }

    #[test]
    fn a_chain_of_letters_is_one_byte_a_state() {
        // One word: the start state and every letter but the last lead on to the next
        // record, with no output, and are not final; the last state is the final leaf.
        let mut word: Vec<u8> = (0x81..0x81 + 20).collect();
        word[10] = 0x00;
        let keys = vec![(word.clone(), 12_345)];
        let a = automaton(&keys);
        check(&a, &keys);
        let f = a.flat();
        // The start state carries the output, so it has a header; the 19 after it are
        // one byte each (the separator 0x00 too), then the final leaf (header and final
        // output).
        let states = records(&a);
        assert_eq!(states.len(), 21);
        assert!(!is_one_byte(a.as_bytes()[states[0]]));
        assert_eq!(&a.as_bytes()[states[1]..states[20]], &word[1..]);
        assert_eq!(f.final_output(states[20]), Some(0));
        assert_eq!(f.end(states[20]) + PADDING, a.as_bytes().len());
        assert_eq!(
            a.as_bytes().len(),
            HEADER + (1 + 4 + 2 + 1) + 19 + (1 + 2) + PADDING
        );
    }

    #[test]
    fn states_that_cannot_be_one_byte_keep_their_fields() {
        // A final state on the way (0x81), a separator byte below 0x80 (0x00), outputs
        // past the start (the second letters cost differently) and a shared suffix (a
        // target that is not the next record).
        let keys: Vec<(Vec<u8>, u64)> = vec![
            (vec![0x81], 950),
            (vec![0x81, 0x00, 0x90, 0x91], 700),
            (vec![0x81, 0x82, 0x90, 0x91], 900),
            (vec![0x83, 0x90, 0x91], 40_000),
            (vec![0x84, 0x00], u16::MAX as u64),
        ];
        let a = automaton(&keys);
        check(&a, &keys);
        let f = a.flat();
        let states = records(&a);
        let one_byte = states
            .iter()
            .filter(|&&s| is_one_byte(a.as_bytes()[s]))
            .count();
        assert!(one_byte > 0 && one_byte < states.len());
        // Some transition leads back to an earlier record (the shared `0x90 0x91`).
        assert!(states
            .iter()
            .any(|&s| f.transitions(s).any(|t| t.target < s)));
        assert!(states
            .iter()
            .any(|&s| f.final_output(s).is_some_and(|v| v > 0)));
    }

    #[test]
    fn dense_states_find_the_same_transitions_as_a_scan() {
        // A start state with many transitions (one below 0x80) and a second busy state.
        let mut keys: Vec<(Vec<u8>, u64)> = vec![(vec![0x10], 3)];
        keys.extend((0x81..0x81 + DENSE_MIN as u8 + 2).map(|b| (vec![b], b as u64)));
        keys.extend((0x81..0x81 + DENSE_MIN as u8).map(|b| (vec![0xA0, b], 100 + b as u64)));
        keys.sort();
        let a = automaton(&keys);
        assert_eq!(a.dense, 2);
        check(&a, &keys);
    }

    #[test]
    fn many_transitions_take_a_count_byte() {
        // 256 transitions from the start (too many for a dense table), and a final
        // state with a count byte (7 transitions) below one of them.
        let mut keys: Vec<(Vec<u8>, u64)> = (0..=255u8).map(|b| (vec![b], b as u64)).collect();
        keys.extend((0x81..0x88).map(|b| (vec![0x20, b], 1000 + b as u64)));
        keys.sort();
        let a = automaton(&keys);
        assert_eq!(a.dense, 1);
        check(&a, &keys);
    }

    #[test]
    #[should_panic(expected = "does not fit in a u16")]
    fn values_above_a_u16_are_refused() {
        automaton(&[(vec![0x81], 70_000)]);
    }

    #[test]
    fn an_empty_automaton_has_a_header_not_a_one_byte_record() {
        let a = automaton(&[]);
        assert!(a.is_empty());
        assert_eq!(a.as_bytes()[a.flat().start()], EMPTY);
        check(&a, &[]);
        assert_eq!(a.get(b""), None);
    }

    #[test]
    fn bad_bytes_are_refused() {
        assert!(Automaton::parse(Bytes::Static(b"LAOB")).is_none());
        assert!(Automaton::parse(Bytes::Static(&[0; 40])).is_none());
    }
}
