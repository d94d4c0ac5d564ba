//! A value an object keeps in memory after reading or writing it.
//!
//! A Durable Object is the only writer of its database and runs one request
//! at a time, so what it last read or wrote of a one-row value is what is
//! stored: reading it again from SQLite (a statement, a JSON string across
//! the Wasm boundary, a parse) buys nothing. A fresh instance (after
//! eviction or a restart) starts empty and reads once.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::api_error::ApiError;
use crate::reply::Reply;

pub struct Memo<T>(RefCell<Option<T>>);

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Self(RefCell::new(None))
    }
}

impl<T: Clone> Memo<T> {
    /// The value kept, or `read`'s, which is kept from then on.
    ///
    /// # Errors
    /// `read`'s; nothing is kept then.
    pub fn get<E>(&self, read: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        if let Some(v) = self.0.borrow().as_ref() {
            return Ok(v.clone());
        }
        let v = read()?;
        self.0.replace(Some(v.clone()));
        Ok(v)
    }

    /// Stores `v` by `write`: kept when the write succeeds, forgotten when
    /// it fails (what is stored is not known then). The one way to write a
    /// kept value, so no write can leave a stale one behind.
    ///
    /// # Errors
    /// `write`'s.
    pub fn write<E>(&self, v: T, write: impl FnOnce(&T) -> Result<(), E>) -> Result<(), E> {
        match write(&v) {
            Ok(()) => {
                self.0.replace(Some(v));
                Ok(())
            }
            Err(e) => {
                self.0.replace(None);
                Err(e)
            }
        }
    }

    /// A write that changes what the value would read as (rows it is made
    /// from): the value is read again next time, whatever the outcome.
    ///
    /// # Errors
    /// `write`'s.
    pub fn changing<R, E>(&self, write: impl FnOnce() -> Result<R, E>) -> Result<R, E> {
        let outcome = write();
        self.0.replace(None);
        outcome
    }
}

/// The serialised answers of reads that depend on stored data alone, each
/// with the count of the object's writes it was read at: served again while
/// the object has written nothing since (it is its data's only writer).
/// `K` names a read (a typed request, never a formatted string).
pub struct Answers<K>(RefCell<HashMap<K, (u64, Vec<u8>)>>);

impl<K> Default for Answers<K> {
    fn default() -> Self {
        Self(RefCell::new(HashMap::new()))
    }
}

/// Answers kept at most; past it they start over.
const KEPT_ANSWERS: usize = 64;

impl<K: std::hash::Hash + Eq> Answers<K> {
    /// The answer to `key` kept at `writes` (the object's write count now),
    /// or `read`'s, kept from then on.
    ///
    /// # Errors
    /// `read`'s; nothing is kept then (nor is an answer other than a 200,
    /// which is all a kept answer can be served again as).
    pub fn answer<E: Default>(
        &self,
        key: K,
        writes: u64,
        read: impl FnOnce() -> Result<Reply<E>, ApiError>,
    ) -> Result<Reply<E>, ApiError> {
        if let Some((at, body)) = self.0.borrow().get(&key) {
            if *at == writes {
                return Ok(Reply::ok_json(body.clone()));
            }
        }
        let reply = read()?;
        if !reply.is_ok() {
            return Ok(reply);
        }
        let mut kept = self.0.borrow_mut();
        if kept.len() >= KEPT_ANSWERS {
            kept.clear();
        }
        kept.insert(key, (writes, reply.body().to_vec()));
        Ok(reply)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn an_answer_is_served_again_until_a_write_and_a_refusal_is_never_kept() {
        let (answers, reads) = (Answers::<&str>::default(), Cell::new(0));
        let read = |status: u16| {
            reads.set(reads.get() + 1);
            Reply::<()>::with_status(status, &reads.get())
        };
        let body = |r: Result<Reply, ApiError>| String::from_utf8(r.unwrap().body().to_vec()).unwrap();
        assert_eq!(body(answers.answer("a", 0, || read(200))), "1");
        assert_eq!(body(answers.answer("a", 0, || read(200))), "1", "kept");
        assert_eq!(body(answers.answer("a", 1, || read(200))), "2", "a write since");
        assert_eq!(body(answers.answer("b", 1, || read(404))), "3");
        assert_eq!(body(answers.answer("b", 1, || read(200))), "4", "the 404 was not kept");
        assert_eq!(reads.get(), 4);
    }

    #[test]
    fn a_failed_write_forgets_and_a_change_reads_again() {
        let (memo, reads) = (Memo::<u32>::default(), Cell::new(0));
        let read = || {
            reads.set(reads.get() + 1);
            Ok::<_, ()>(7)
        };
        assert_eq!(memo.write(1, |_| Ok::<_, ()>(())), Ok(()));
        assert_eq!(memo.get(read), Ok(1), "the written value is kept");
        assert_eq!(memo.write(2, |_| Err("disk")), Err("disk"));
        assert_eq!(memo.get(read), Ok(7), "read again after a failed write");
        assert_eq!(memo.changing(|| Ok::<_, ()>(())), Ok(()));
        assert_eq!(memo.get(read), Ok(7));
        assert_eq!(reads.get(), 2);
    }
}
