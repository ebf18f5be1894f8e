//! The network edge of party mode: HTTP and websockets (axum on tokio),
//! around the pure [`Room`]. Every message a page sends goes to the room
//! under one lock, with the time read here; what the room returns is sent
//! to each connection through its own queue. The host side
//! (`app::party`) calls [`Server::act`] with the room the same way.
//!
//! Routes: `GET /` (the page), `GET /ws` (the game's websocket),
//! `GET /health` (`ok`); anything else is 404. A message larger than
//! [`MAX_MESSAGE`] bytes ends its connection.

use super::PAGE;
use super::room::{ConnId, Now, Out, Room, ToPlayer};
use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use futures_util::SinkExt;
use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::mpsc;

/// The largest message (and frame) a page may send, in bytes.
pub const MAX_MESSAGE: usize = 4 * 1024;

/// Messages waiting for one connection at most: a page that reads none
/// of them is disconnected rather than let grow without end.
pub const MAX_QUEUED: usize = 4096;

/// Connections at most, joined or not: beyond this, upgrades are refused
/// with 503 (the room's own cap on players is far lower).
pub const MAX_CONNECTIONS: usize = 2048;

/// Messages a connection writes at most before it flushes them: the
/// queue's messages go out in batches, one write each, not one by one.
const BATCH: usize = 64;

/// Bytes of websocket frames a connection buffers before it writes them
/// out (a flush writes them sooner), and buffers at most. The read buffer
/// is as small: no page's message is larger than [`MAX_MESSAGE`].
const WRITE_BUFFER: usize = 16 * 1024;
const MAX_WRITE_BUFFER: usize = 1024 * 1024;
const READ_BUFFER: usize = 8 * 1024;

/// How long a connection that sent its close frame waits for the page's
/// (the closing handshake) before it lets go of the socket.
const CLOSE_WAIT: Duration = Duration::from_secs(1);

/// What a connection's task is told to do. A broadcast's text is shared
/// by every connection it goes to (cloning it counts a reference).
enum Outgoing {
    Text(Utf8Bytes),
    Close,
}

/// The room and the connections, under one lock.
struct Shared {
    room: Room,
    conns: HashMap<ConnId, mpsc::Sender<Outgoing>>,
    next_conn: ConnId,
    started: Instant,
    /// Connection tasks running (a closed connection's task still writes
    /// what was queued for it, then its close frame).
    live: usize,
}

impl Shared {
    fn now(&self) -> Now {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let epoch_us = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX));
        Now { ms, epoch_us }
    }

    /// Sends what the room said.
    fn dispatch(&mut self, outs: Vec<Out>) {
        // A broadcast is the same message to each connection in a row:
        // it is written once.
        let mut last: Option<(ToPlayer, Utf8Bytes)> = None;
        for out in outs {
            match out {
                Out::Send(conn, msg) => {
                    let Some(tx) = self.conns.get(&conn) else {
                        continue;
                    };
                    let text = match &last {
                        Some((m, text)) if *m == msg => text.clone(),
                        _ => {
                            // A message of the room's own types always
                            // serializes.
                            let Ok(text) = serde_json::to_string(&msg) else {
                                continue;
                            };
                            let text = Utf8Bytes::from(text);
                            last = Some((msg, text.clone()));
                            text
                        }
                    };
                    if tx.try_send(Outgoing::Text(text)).is_err() {
                        // Full (the page reads nothing) or gone: dropping
                        // the sender ends the connection once its queue is
                        // sent.
                        self.conns.remove(&conn);
                    }
                }
                Out::Close(conn) => {
                    if let Some(tx) = self.conns.remove(&conn) {
                        let _ = tx.try_send(Outgoing::Close);
                    }
                }
            }
        }
    }
}

/// The shared state, and the signal that a connection task ended.
struct Hub {
    shared: Mutex<Shared>,
    ended: Condvar,
}

type Handle = Arc<Hub>;

fn lock(hub: &Hub) -> MutexGuard<'_, Shared> {
    hub.shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running server.
pub struct Server {
    shared: Handle,
    runtime: Option<tokio::runtime::Runtime>,
    addr: SocketAddr,
}

/// A token no player can guess: 128 bits from the OS's random source.
fn fresh_token() -> String {
    let bytes: [u8; 16] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Server {
    /// Binds `addr` and serves `room` on it, on threads of its own. The
    /// error names the address when it cannot be bound.
    pub fn start(addr: SocketAddr, room: Room) -> io::Result<Server> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("party-server")
            .enable_io()
            .enable_time()
            .build()?;
        let shared: Handle = Arc::new(Hub {
            shared: Mutex::new(Shared {
                room,
                conns: HashMap::new(),
                next_conn: 1,
                started: Instant::now(),
                live: 0,
            }),
            ended: Condvar::new(),
        });
        let app = Router::new()
            .route("/", get(page))
            .route("/health", get(|| async { "ok" }))
            .route("/ws", get(upgrade))
            .fallback(|| async { (StatusCode::NOT_FOUND, "not found") })
            .with_state(shared.clone());
        let listener = {
            let _entered = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        // Small frames go out at once: no Nagle delay on a reveal.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        runtime.spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Server {
            shared,
            runtime: Some(runtime),
            addr,
        })
    }

    /// The address served, with the port the OS picked for port 0.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Runs `f` on the room with the time now, and sends what it returns.
    pub fn act<T>(&self, f: impl FnOnce(&mut Room, Now) -> (Vec<Out>, T)) -> T {
        let mut shared = lock(&self.shared);
        let now = shared.now();
        let (outs, value) = f(&mut shared.room, now);
        shared.dispatch(outs);
        value
    }

    /// Reads the room with the time now.
    pub fn read<T>(&self, f: impl FnOnce(&Room, Now) -> T) -> T {
        let shared = lock(&self.shared);
        let now = shared.now();
        f(&shared.room, now)
    }

    /// Closes every connection and stops once each has sent what was
    /// queued for it (the end of the game), its close frame, and had the
    /// page's close back (or [`CLOSE_WAIT`]); waits `grace` at most.
    pub fn stop(mut self, grace: Duration) {
        let deadline = Instant::now() + grace;
        {
            let mut shared = lock(&self.shared);
            let conns: Vec<ConnId> = shared.conns.keys().copied().collect();
            shared.dispatch(conns.into_iter().map(Out::Close).collect());
            // The runtime's shutdown drops the tasks still running, and
            // with them what they had not written yet: wait for them.
            while shared.live > 0 {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                shared = self
                    .shared
                    .ended
                    .wait_timeout(shared, left)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        PAGE,
    )
        .into_response()
}

async fn upgrade(ws: WebSocketUpgrade, State(shared): State<Handle>) -> Response {
    if lock(&shared).conns.len() >= MAX_CONNECTIONS {
        return (StatusCode::SERVICE_UNAVAILABLE, "too many connections").into_response();
    }
    ws.max_message_size(MAX_MESSAGE)
        .max_frame_size(MAX_MESSAGE)
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(WRITE_BUFFER)
        .max_write_buffer_size(MAX_WRITE_BUFFER)
        .on_upgrade(move |socket| connection(socket, shared))
}

/// One page's websocket, from its upgrade to its close.
async fn connection(mut socket: WebSocket, shared: Handle) {
    let (tx, mut rx) = mpsc::channel(MAX_QUEUED);
    let id = {
        let mut s = lock(&shared);
        let id = s.next_conn;
        s.next_conn += 1;
        s.conns.insert(id, tx);
        s.live += 1;
        id
    };
    loop {
        tokio::select! {
            got = socket.recv() => match got {
                Some(Ok(Message::Text(text))) => {
                    let mut s = lock(&shared);
                    let now = s.now();
                    let outs = s.room.receive(id, text.as_str(), fresh_token, now);
                    s.dispatch(outs);
                }
                Some(Ok(Message::Binary(_))) => {
                    let mut s = lock(&shared);
                    let error = ToPlayer::Error {
                        reason: "Send text, not binary frames.".into(),
                    };
                    s.dispatch(vec![Out::Send(id, error)]);
                }
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
            },
            out = rx.recv() => {
                // This message and those queued behind it, in one write.
                let mut next = out;
                let mut written = 0;
                let mut close = false;
                while let Some(item) = next.take() {
                    match item {
                        Outgoing::Text(text) => {
                            if socket.feed(Message::Text(text)).await.is_err() {
                                close = true;
                                break;
                            }
                        }
                        Outgoing::Close => {
                            close = true;
                            break;
                        }
                    }
                    written += 1;
                    if written < BATCH {
                        next = rx.try_recv().ok();
                    }
                }
                if written == 0 {
                    // Told to close, or the room let go of this page.
                    close = true;
                }
                if close {
                    // What was written, then the close frame; then the
                    // page's close (it read everything before it), so
                    // nothing unread is left when the socket is let go.
                    if socket.send(Message::Close(None)).await.is_ok() {
                        let _ = tokio::time::timeout(CLOSE_WAIT, async {
                            while let Some(Ok(_)) = socket.recv().await {}
                        })
                        .await;
                    }
                    break;
                }
                if socket.flush().await.is_err() {
                    break;
                }
            },
        }
    }
    drop(socket);
    let mut s = lock(&shared);
    s.conns.remove(&id);
    let now = s.now();
    let outs = s.room.disconnect(id, now);
    s.dispatch(outs);
    s.live -= 1;
    shared.ended.notify_all();
}
