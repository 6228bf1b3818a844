//! The XML of Word and OpenDocument files as a flat stream of opening tags, closing tags and
//! text (entity and character references resolved), for the readers' state machines.

use crate::{Error, Result};
use quick_xml::events::{BytesStart, Event};

/// One step through an XML part.
pub(crate) enum Step<'e, 'a> {
    /// An opening tag (an empty element gives an `Open` then a `Close`).
    Open(&'e BytesStart<'a>),
    /// A closing tag, by local name.
    Close(&'e [u8]),
    /// Text.
    Text(&'e str),
}

/// Calls `f` on every step through `xml`, the part `part` of the file `name`.
pub(crate) fn walk(
    xml: &str,
    name: &str,
    part: &str,
    mut f: impl FnMut(Step<'_, '_>),
) -> Result<()> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let bad = |e: &dyn std::fmt::Display, at: u64| {
        Error::input(
            name,
            format!("its {part} is not well-formed XML (at byte {at}): {e}"),
        )
    };
    loop {
        let at = reader.buffer_position();
        match reader.read_event().map_err(|e| bad(&e, at))? {
            Event::Start(e) => f(Step::Open(&e)),
            Event::Empty(e) => {
                f(Step::Open(&e));
                f(Step::Close(e.local_name().into_inner()));
            }
            Event::End(e) => f(Step::Close(e.local_name().into_inner())),
            Event::Text(t) => {
                let s = t.xml10_content().map_err(|e| bad(&e, at))?;
                f(Step::Text(&s));
            }
            Event::CData(t) => {
                let s = t.xml10_content().map_err(|e| bad(&e, at))?;
                f(Step::Text(&s));
            }
            Event::GeneralRef(r) => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| bad(&e, at))? {
                    f(Step::Text(c.encode_utf8(&mut [0; 4])));
                } else {
                    let entity = r.decode().map_err(|e| bad(&e, at))?;
                    if let Some(s) = quick_xml::escape::resolve_predefined_entity(&entity) {
                        f(Step::Text(s));
                    }
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The value of the attribute of `e` whose local name is `local` (any prefix).
pub(crate) fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().into_inner() == local)
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

/// The local name of an opening tag.
pub(crate) fn local<'e>(e: &'e BytesStart<'_>) -> &'e [u8] {
    e.local_name().into_inner()
}
