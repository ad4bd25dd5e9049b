//! SQL of customers' data rights: the export's reads, the erase's writes, retention.

pub mod erase;
pub mod export;
pub mod retention;
