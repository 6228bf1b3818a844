//! `bialign review`: the server's security rules (token, Host, Origin, paths, malformed and
//! oversized requests), each refused with a 4xx and a message while the server goes on
//! serving; the files it writes (only the output and the state); resuming a state, and
//! refusing one whose inputs changed. The page itself is driven in Chromium by the browser
//! tests (`cli/tests/browser`, run by scripts/test).

use crate::common::{self, bin, p};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

/// A review server started for a test, stopped when dropped.
struct Review {
    child: Child,
    port: u16,
    token: String,
}

impl Drop for Review {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Review {
    /// Starts `bialign review ARGS` and reads the address it prints.
    fn start(args: &[&str]) -> Review {
        let mut child = bin()
            .arg("review")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("bialign review starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the address line");
        let url = line
            .trim()
            .strip_prefix("bialign review: ")
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        let rest = url
            .strip_prefix("http://127.0.0.1:")
            .unwrap_or_else(|| panic!("not a loopback address: {url}"));
        let (port, token) = rest.split_once("/?token=").expect("port and token");
        Review {
            child,
            port: port.parse().expect("a port"),
            token: token.to_string(),
        }
    }

    /// Sends one request (raw, so that every header is as the test says) and returns the
    /// status, the headers and the body.
    fn send(&self, raw: &str, body: &[u8]) -> (u16, String, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(60))).ok();
        s.write_all(raw.as_bytes()).expect("send head");
        let _ = s.write_all(body);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let text = String::from_utf8_lossy(&out).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {head:?}"));
        (status, head.to_string(), body.to_string())
    }

    /// A GET of `path` with `host` and extra header lines.
    fn get(&self, path: &str, host: &str, extra: &str) -> (u16, String, String) {
        self.send(
            &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: close\r\n\r\n"),
            b"",
        )
    }

    /// A POST of `body` to `path` with the token in the header.
    fn post(&self, path: &str, body: &[u8]) -> (u16, String, String) {
        self.send(
            &format!(
                "POST {path} HTTP/1.1\r\nHost: {}\r\nX-Bialign-Token: {}\r\n\
                 Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                self.host(),
                self.token,
                body.len()
            ),
            body,
        )
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// The state, which must be served.
    fn state(&self) -> serde_json::Value {
        let (status, _, body) = self.get(
            &format!("/api/state?token={}", self.token),
            &self.host(),
            "",
        );
        assert_eq!(status, 200, "{body}");
        serde_json::from_str(&body).expect("JSON state")
    }
}

/// Two small presplit texts in `dir`: (zh, en).
fn write_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let zh = dir.join("zh.txt");
    let en = dir.join("en.txt");
    std::fs::write(
        &zh,
        "我父亲是一个医生。\n他每天早上去医院。\n今天下雨了。\n我们待在家里。\n晚上我们吃了面条。\n",
    )
    .expect("write zh");
    std::fs::write(
        &en,
        "My father is a doctor.\nHe goes to the hospital every morning.\nIt rained today.\n\
         We stayed at home.\nIn the evening we ate noodles.\n",
    )
    .expect("write en");
    (zh, en)
}

/// The status is a 4xx and the body a JSON error holding `says`.
fn refused(got: (u16, String, String), status: u16, says: &str, what: &str) {
    let (code, _, body) = got;
    assert_eq!(code, status, "{what}: {body}");
    let v: serde_json::Value =
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {body}"));
    let message = v["error"].as_str().unwrap_or_default();
    assert!(message.contains(says), "{what}: {message:?} lacks {says:?}");
}

#[test]
fn review_server_refuses_bad_requests_and_keeps_serving() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zh, en) = write_pair(dir.path());
    let out = dir.path().join("out.tsv");
    let r = Review::start(&["--presplit", p(&zh), p(&en), "-o", p(&out)]);
    let host = r.host();
    let t = r.token.clone();
    assert_eq!(t.len(), 48, "a token of 24 random bytes");

    // The page, with its policy: nothing from outside.
    let (status, head, page) = r.get(&format!("/?token={t}"), &host, "");
    assert_eq!(status, 200);
    assert!(head.contains("default-src 'self'"), "{head}");
    assert!(!page.contains("http://") && !page.contains("https://"));
    // localhost is the same server.
    assert_eq!(
        r.get(
            &format!("/?token={t}"),
            &format!("localhost:{}", r.port),
            ""
        )
        .0,
        200
    );
    // The token in a header is as good as in the query.
    assert_eq!(
        r.get("/api/state", &host, &format!("X-Bialign-Token: {t}\r\n"))
            .0,
        200
    );

    refused(r.get("/api/state", &host, ""), 403, "no token", "no token");
    refused(
        r.get("/", &host, ""),
        403,
        "no token",
        "the page without token",
    );
    refused(
        r.get("/api/state?token=0123", &host, ""),
        403,
        "wrong token",
        "wrong token",
    );
    refused(
        r.get("/api/state", &host, "X-Bialign-Token: nope\r\n"),
        403,
        "wrong token",
        "wrong token in the header",
    );
    for bad_host in [
        format!("evil.example:{}", r.port),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", r.port.wrapping_add(1)),
        format!("127.0.0.1.evil.example:{}", r.port),
        String::new(),
    ] {
        refused(
            r.get(&format!("/api/state?token={t}"), &bad_host, ""),
            403,
            "Host",
            &format!("Host {bad_host:?}"),
        );
    }
    refused(
        r.get(
            &format!("/api/state?token={t}"),
            &host,
            "Origin: http://evil.example\r\n",
        ),
        403,
        "another site",
        "a foreign Origin",
    );

    // No path reaches a file: the page is in the binary.
    for path in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/api/../../etc/passwd",
        "/zh.txt",
        "/nav.js/../../zh.txt",
    ] {
        refused(
            r.get(&format!("{path}?token={t}"), &host, ""),
            404,
            "no such page",
            path,
        );
    }
    // The saves take no path: the server writes only OUT and the state.
    let elsewhere = dir.path().join("elsewhere.tsv");
    let body = format!("{{\"path\": \"{}\"}}", p(&elsewhere));
    refused(
        r.post("/api/save", body.as_bytes()),
        400,
        "unknown field",
        "save with a path",
    );
    refused(
        r.post("/api/save-state", body.as_bytes()),
        400,
        "unknown field",
        "save-state with a path",
    );
    assert!(!elsewhere.exists());

    // Malformed, stale and impossible edits.
    refused(r.post("/api/edit", b"{"), 400, "malformed", "cut JSON");
    refused(
        r.post("/api/edit", b"[1,2]"),
        400,
        "malformed",
        "not an object",
    );
    refused(
        r.post(
            "/api/edit",
            br#"{"rev":0,"edit":{"op":"explode","bead":0}}"#,
        ),
        400,
        "malformed",
        "unknown edit",
    );
    refused(
        r.post(
            "/api/edit",
            br#"{"rev":0,"edit":{"op":"merge","bead":99999}}"#,
        ),
        400,
        "no bead 99999",
        "a bead out of range",
    );
    refused(
        r.post(
            "/api/edit",
            br#"{"rev":0,"edit":{"op":"split_sentence","side":"src","sentence":0,"at":999}}"#,
        ),
        400,
        "cannot be split",
        "a split beyond the sentence",
    );
    refused(
        r.post(
            "/api/edit",
            br#"{"rev":7,"edit":{"op":"confirm","bead":0}}"#,
        ),
        409,
        "changed since",
        "a stale revision",
    );
    refused(
        r.post("/api/undo", br#"{"rev":0}"#),
        409,
        "nothing to undo",
        "undo",
    );
    refused(
        r.post("/api/edit", &vec![b' '; 65 * 1024]),
        413,
        "over",
        "an oversized body",
    );
    refused(
        r.get(&format!("/nope?token={t}"), &host, ""),
        404,
        "no such page",
        "unknown page",
    );
    refused(
        r.post("/api/nope", b"{}"),
        404,
        "no such action",
        "unknown action",
    );
    refused(
        r.send(
            &format!(
                "DELETE /api/state?token={t} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            ),
            b"",
        ),
        405,
        "GET only",
        "DELETE",
    );

    // Still serving, nothing lost: an edit, its undo, and a save.
    let before = r.state();
    assert_eq!(before["rev"], 0);
    let (status, _, body) = r.post(
        "/api/edit",
        br#"{"rev":0,"edit":{"op":"confirm","bead":1}}"#,
    );
    assert_eq!(status, 200, "{body}");
    let after = r.state();
    assert_eq!(after["rev"], 1);
    assert_eq!(after["beads"][1]["fixed"], true);
    assert_eq!(r.post("/api/save", b"{}").0, 200);
    let tsv = std::fs::read_to_string(&out).expect("the output was saved");
    assert_eq!(tsv.lines().count(), 5, "{tsv}");
    // Only the inputs, OUT and the state file are in the folder.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["en.txt", "out.tsv", "out.tsv.review.json", "zh.txt"]
    );
}

#[test]
fn review_state_resumes_and_refuses_changed_inputs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (zh, en) = write_pair(dir.path());
    let state = dir.path().join("review.json");
    {
        let r = Review::start(&["--presplit", p(&zh), p(&en), "--state", p(&state)]);
        let edits: [&[u8]; 3] = [
            br#"{"rev":0,"edit":{"op":"confirm","bead":0}}"#,
            br#"{"rev":1,"edit":{"op":"split_sentence","side":"tgt","sentence":1,"at":8}}"#,
            br#"{"rev":2,"edit":{"op":"merge","bead":3}}"#,
        ];
        for e in edits {
            let (status, _, body) = r.post("/api/edit", e);
            assert_eq!(status, 200, "{body}");
        }
        let (status, _, body) = r.post("/api/undo", br#"{"rev":3}"#);
        assert_eq!(status, 200, "{body}");
        // The state file is written at every change, without asking.
    }
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state).expect("state")).expect("JSON");
    assert_eq!(saved["kind"], "bialign review state");
    assert_eq!(saved["done"], 2);
    assert_eq!(saved["log"].as_array().map(Vec::len), Some(3));

    {
        let r = Review::start(&["--resume", p(&state)]);
        let s = r.state();
        let tgt = s["tgt"].as_array().expect("sentences");
        assert_eq!(tgt.len(), 6, "the split sentence stays split");
        assert_eq!(tgt[1], "He goes");
        assert_eq!(s["beads"][0]["fixed"], true);
        assert_eq!(s["redo"], "merge beads 3 and 4");
        let (status, _, body) = r.post("/api/redo", br#"{"rev":0}"#);
        assert_eq!(status, 200, "{body}");
        let (status, _, body) = r.post("/api/undo", br#"{"rev":1}"#);
        assert_eq!(status, 200, "{body}");
        let (status, _, body) = r.post("/api/undo", br#"{"rev":2}"#);
        assert_eq!(status, 200, "{body}");
        assert_eq!(r.state()["tgt"].as_array().map(Vec::len), Some(5));
    }

    // Options other than the state's are refused with --resume.
    let o = common::run(&["review", "--resume", p(&state), "--max-bead", "3"]);
    assert!(!o.status.success());
    assert!(
        common::stderr(&o).contains("keeps the options"),
        "{}",
        common::stderr(&o)
    );

    // An input changed since: refused, naming it.
    std::fs::write(&en, "Something else entirely.\n").expect("rewrite en");
    let o = common::run(&["review", "--resume", p(&state)]);
    assert!(!o.status.success());
    let err = common::stderr(&o);
    assert!(
        err.contains("changed since") && err.contains("en.txt") && err.lines().count() == 1,
        "{err}"
    );
    // Not a state at all.
    let o = common::run(&["review", "--resume", p(&zh)]);
    assert!(common::stderr(&o).contains("not a bialign review state"));
    // Standard input cannot be reviewed (a state names files).
    let o = common::run(&["review", "-", p(&en)]);
    assert!(common::stderr(&o).contains("standard input"));
    // The output may not be an input.
    let o = common::run(&["review", p(&zh), p(&en), "-o", p(&en)]);
    assert!(
        common::stderr(&o).contains("would overwrite"),
        "{}",
        common::stderr(&o)
    );
}

/// A save whose Moses files, named by the detected languages, would be the inputs (`x.de`,
/// `x.fr` with `-o x`) is refused, the inputs left as they were, and the server keeps
/// serving.
#[test]
fn review_never_saves_over_its_inputs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let de = dir.path().join("x.de");
    let fr = dir.path().join("x.fr");
    std::fs::write(&de, crate::common::samples::DE_DOC).expect("write de");
    std::fs::write(&fr, crate::common::samples::FR_DOC).expect("write fr");
    let prefix = dir.path().join("x");
    let r = Review::start(&[
        "--no-lexicon",
        "--format",
        "moses",
        "-o",
        p(&prefix),
        p(&de),
        p(&fr),
    ]);
    let (status, _, body) = r.post("/api/save", b"{}");
    assert!((400..600).contains(&status), "{status}: {body}");
    assert!(body.contains("would overwrite"), "{body}");
    assert_eq!(
        std::fs::read_to_string(&de).expect("de"),
        crate::common::samples::DE_DOC
    );
    assert_eq!(
        std::fs::read_to_string(&fr).expect("fr"),
        crate::common::samples::FR_DOC
    );
    assert_eq!(r.state()["rev"], 0, "still serving");
}
