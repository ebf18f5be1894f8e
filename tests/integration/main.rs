//! Every integration test, in one binary: one link, and one harness
//! (`common`) shared by all of them.

mod common;

mod banks;
mod boundaries;
mod cli;
mod completions;
mod depth;
mod docs;
mod film_import;
mod fuzz;
mod generator;
mod golden;
mod kept;
mod party;
mod party_browser;
mod party_load;
mod pty;
mod quality;
mod records;
mod saved;
mod screen;
mod signals;
mod units;
