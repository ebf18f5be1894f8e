//! Party mode: one room of players on their phones, the terminal as the
//! host screen. The room's rules are pure ([`room`]); the network edge is
//! [`server`]; the page is shipped inside the binary ([`PAGE`]).

pub mod room;
pub mod server;

/// The page players open: HTML with its CSS and script inline.
pub const PAGE: &str = include_str!("page/index.html");
