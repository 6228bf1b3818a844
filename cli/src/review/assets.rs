//! The review page: plain HTML, CSS and JavaScript in the binary (no build step), loading
//! nothing from outside. The style sheet is the static review page's
//! ([`bialign::export::PAGE_CSS`]) and the review's own rules; the navigation keys are the
//! static page's script ([`bialign::export::PAGE_NAV_JS`]), the edits `review.js`.

/// The page; `{{token}}` stands for the session's token in the addresses of its assets.
const INDEX_HTML: &str = include_str!("assets/index.html");

/// The review's own style rules, after the static page's.
const REVIEW_CSS: &str = include_str!("assets/review.css");

/// The page's script: the edits, their keys, and the calls to the server.
pub(crate) const REVIEW_JS: &str = include_str!("assets/review.js");

/// The page with the session's `token` (hexadecimal) in the addresses of its assets.
pub(crate) fn page(token: &str) -> String {
    INDEX_HTML.replace("{{token}}", token)
}

/// The style sheet: the static page's, then the review's.
pub(crate) fn css() -> String {
    format!("{}\n{REVIEW_CSS}", bialign::export::PAGE_CSS)
}
