//! The review's HTTP server (tiny_http): its security rules and its routes.
//!
//! It listens on 127.0.0.1 only. Every request must carry the session's token (the query's
//! `token=` or the `X-Bialign-Token` header) and a `Host` of `127.0.0.1:PORT` or
//! `localhost:PORT` (a page of another site that a DNS name rebound to 127.0.0.1 sends its own
//! name), and an `Origin`, when there is one, of the same; a body is at most [`MAX_BODY`]
//! bytes. What breaks a rule, an unknown route and a malformed edit get a 4xx with a JSON
//! `{"error": "..."}` that says what is wrong; the server goes on serving. Requests are
//! handled one at a time, each edit whole or not at all. The server reads no file: the page
//! is in the binary, and the inputs were read at start; it writes only the output (`-o`)
//! and the state file, atomically, with the library's save.

use super::assets;
use super::files::Files;
use super::session::{Edit, Refused, Session};
use serde::Deserialize;
use std::io::Read;
use tiny_http::{Header, Method, Request, Response};

/// The largest request body accepted, in bytes (an edit is a few dozen).
pub(crate) const MAX_BODY: usize = 64 * 1024;

/// The header that may carry the token instead of the query.
const TOKEN_HEADER: &str = "X-Bialign-Token";

/// A running review server.
pub(crate) struct Server {
    http: tiny_http::Server,
    port: u16,
    token: String,
    session: Session,
    files: Files,
}

/// A response: status, content type and body.
struct Reply {
    status: u16,
    kind: &'static str,
    body: Vec<u8>,
}

impl Reply {
    fn json(value: &impl serde::Serialize) -> Reply {
        match serde_json::to_vec(value) {
            Ok(body) => Reply {
                status: 200,
                kind: "application/json",
                body,
            },
            Err(e) => Reply::error(500, format!("cannot write the response: {e}")),
        }
    }

    fn error(status: u16, message: impl Into<String>) -> Reply {
        let body = serde_json::json!({ "error": message.into() }).to_string();
        Reply {
            status,
            kind: "application/json",
            body: body.into_bytes(),
        }
    }

    fn asset(kind: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            kind,
            body: body.into(),
        }
    }
}

impl From<Refused> for Reply {
    fn from(r: Refused) -> Reply {
        Reply::error(r.status, r.message)
    }
}

/// The body of an edit.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EditRequest {
    /// The revision the page shows.
    rev: u64,
    /// The texts' revision the page has (the sentences are sent again when it is old).
    #[serde(default)]
    texts_rev: Option<u64>,
    edit: Edit,
}

/// The body of undo and redo.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepRequest {
    rev: u64,
    #[serde(default)]
    texts_rev: Option<u64>,
}

/// The body of the saves: nothing (the server chose its files at start).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SaveRequest {}

impl Server {
    /// Binds 127.0.0.1:`port` (0: any free port) and makes a fresh token.
    ///
    /// # Errors
    /// When the port cannot be bound or the OS gives no random bytes.
    pub(crate) fn bind(port: u16, session: Session, files: Files) -> Result<Server, String> {
        let http = tiny_http::Server::http(("127.0.0.1", port))
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let port = http
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or("the server has no IP address")?;
        let mut bytes = [0u8; 24];
        getrandom::fill(&mut bytes).map_err(|e| format!("no random token: {e}"))?;
        let token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Server {
            http,
            port,
            token,
            session,
            files,
        })
    }

    /// The page's address, with the token.
    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.port, self.token)
    }

    /// Serves until the process is stopped.
    pub(crate) fn run(mut self) {
        while let Ok(mut request) = self.http.recv() {
            let reply = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.handle(&mut request)
            }))
            .unwrap_or_else(|_| Reply::error(500, "internal error; the session is unchanged"));
            let _ = respond(request, reply);
        }
    }

    /// Checks the rules, then routes.
    fn handle(&mut self, request: &mut Request) -> Reply {
        if let Err(r) = self.check(request) {
            return r;
        }
        let url = request.url().to_string();
        let path = url.split_once('?').map_or(url.as_str(), |(p, _)| p);
        match (request.method().clone(), path) {
            (Method::Get, "/") => Reply::asset(
                "text/html; charset=utf-8",
                assets::page(&self.token).into_bytes(),
            ),
            (Method::Get, "/page.css") => Reply::asset("text/css; charset=utf-8", assets::css()),
            (Method::Get, "/nav.js") => Reply::asset(
                "text/javascript; charset=utf-8",
                bialign::export::PAGE_NAV_JS,
            ),
            (Method::Get, "/review.js") => {
                Reply::asset("text/javascript; charset=utf-8", assets::REVIEW_JS)
            }
            (Method::Get, "/api/state") => Reply::json(&self.state(true)),
            (Method::Post, route) if route.starts_with("/api/") => match read_body(request) {
                Ok(body) => self.post(route, &body),
                Err(r) => r,
            },
            (_, "/" | "/page.css" | "/nav.js" | "/review.js" | "/api/state") => {
                Reply::error(405, format!("{path} takes GET only"))
            }
            _ => Reply::error(404, format!("no such page: {path}")),
        }
    }

    /// The security rules: `Host`, `Origin`, token.
    fn check(&self, request: &Request) -> Result<(), Reply> {
        let host = header(request, "Host").unwrap_or_default();
        if !self.is_own_host(&host) {
            return Err(Reply::error(
                403,
                format!(
                    "refused: the Host header is {host:?}, not 127.0.0.1:{} or localhost:{}",
                    self.port, self.port
                ),
            ));
        }
        if let Some(origin) = header(request, "Origin") {
            let own = origin
                .strip_prefix("http://")
                .is_some_and(|h| self.is_own_host(h));
            if !own {
                return Err(Reply::error(
                    403,
                    format!("refused: a request from another site ({origin})"),
                ));
            }
        }
        let given = header(request, TOKEN_HEADER).or_else(|| query(request.url(), "token"));
        match given {
            Some(t) if same(t.as_bytes(), self.token.as_bytes()) => Ok(()),
            Some(_) => Err(Reply::error(403, "refused: wrong token")),
            None => Err(Reply::error(
                403,
                "refused: no token (open the address bialign review printed, with its ?token=)",
            )),
        }
    }

    fn is_own_host(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        host == format!("127.0.0.1:{}", self.port) || host == format!("localhost:{}", self.port)
    }

    /// The POST routes.
    fn post(&mut self, route: &str, body: &[u8]) -> Reply {
        let result = match route {
            "/api/edit" => parse::<EditRequest>(body).and_then(|r| {
                self.session.apply(r.rev, r.edit)?;
                Ok(r.texts_rev)
            }),
            "/api/undo" => parse::<StepRequest>(body).and_then(|r| {
                self.check_rev(r.rev)?;
                self.session.undo()?;
                Ok(r.texts_rev)
            }),
            "/api/redo" => parse::<StepRequest>(body).and_then(|r| {
                self.check_rev(r.rev)?;
                self.session.redo()?;
                Ok(r.texts_rev)
            }),
            "/api/save" => {
                return match parse::<SaveRequest>(body) {
                    Ok(SaveRequest {}) => match self.files.save_output(&self.session) {
                        Ok(paths) => Reply::json(&serde_json::json!({ "saved": paths })),
                        Err(r) => r.into(),
                    },
                    Err(r) => r.into(),
                }
            }
            "/api/save-state" => {
                return match parse::<SaveRequest>(body) {
                    Ok(SaveRequest {}) => match self.files.save_state(&self.session) {
                        Ok(path) => Reply::json(&serde_json::json!({ "saved": [path] })),
                        Err(r) => r.into(),
                    },
                    Err(r) => r.into(),
                }
            }
            _ => return Reply::error(404, format!("no such action: {route}")),
        };
        match result {
            Ok(texts_rev) => {
                // Every change is in the state file at once (when there is one).
                let warning = self.files.autosave(&self.session).err();
                let fresh = texts_rev != Some(self.session.view(false).texts_rev);
                let mut value = match serde_json::to_value(self.state(fresh)) {
                    Ok(v) => v,
                    Err(e) => return Reply::error(500, format!("cannot write the response: {e}")),
                };
                if let (Some(w), Some(map)) = (warning, value.as_object_mut()) {
                    map.insert("warning".into(), w.message.into());
                }
                Reply::json(&value)
            }
            Err(r) => r.into(),
        }
    }

    fn check_rev(&self, rev: u64) -> Result<(), Refused> {
        if rev == self.session.rev() {
            Ok(())
        } else {
            Err(Refused::conflict(format!(
                "the alignment changed since this page read it (revision {rev}, now {}): \
                 reload the page",
                self.session.rev()
            )))
        }
    }

    /// The session's view, with what the page needs to know about the files.
    fn state(&self, texts: bool) -> serde_json::Value {
        let mut v = serde_json::to_value(self.session.view(texts)).unwrap_or_default();
        if let Some(map) = v.as_object_mut() {
            map.insert("files".into(), self.files.describe(&self.session));
        }
        v
    }
}

/// Sends `reply` with the headers every response has.
fn respond(request: Request, reply: Reply) -> std::io::Result<()> {
    let mut response = Response::from_data(reply.body).with_status_code(reply.status);
    let headers = [
        ("Content-Type", reply.kind),
        (
            "Content-Security-Policy",
            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
    ];
    for (name, value) in headers {
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    request.respond(response)
}

/// The value of header `name`, if the request has it.
fn header(request: &Request, name: &str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str().to_string())
}

/// The value of `name` in the query of `url` (`/?token=...`), as written.
fn query(url: &str, name: &str) -> Option<String> {
    let (_, q) = url.split_once('?')?;
    q.split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Whether `a` and `b` are equal, in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The body, at most [`MAX_BODY`] bytes (413 beyond).
fn read_body(request: &mut Request) -> Result<Vec<u8>, Reply> {
    let too_large = || {
        Reply::error(
            413,
            format!("refused: the request body is over {MAX_BODY} bytes"),
        )
    };
    if request.body_length().is_some_and(|n| n > MAX_BODY) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    request
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body)
        .map_err(|e| Reply::error(400, format!("cannot read the request body: {e}")))?;
    if body.len() > MAX_BODY {
        return Err(too_large());
    }
    Ok(body)
}

/// The JSON body as `T`.
fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Refused> {
    serde_json::from_slice(body).map_err(|e| Refused::bad(format!("malformed request: {e}")))
}
