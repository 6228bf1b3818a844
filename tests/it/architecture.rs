//! The architecture's rules, checked on the source: the library's top-level modules depend on
//! each other one way (no cycle), the library reads no environment variable, and a library
//! user compiles no command-line dependency.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read src").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out
}

/// The source without comments and without `#[cfg(test)]` modules (tests may reach
/// anywhere), good enough for finding `crate::` paths.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut skip_depth: Option<usize> = None;
    let mut depth = 0usize;
    let mut pending_test = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        if trimmed.starts_with("#[cfg(test)]") {
            pending_test = true;
            continue;
        }
        let opens = line.matches('{').count();
        let closes = line.matches('}').count();
        if pending_test && skip_depth.is_none() {
            skip_depth = Some(depth);
            pending_test = false;
        }
        depth = depth + opens - closes.min(depth + opens);
        if let Some(d) = skip_depth {
            // The test item ends where the depth is back and the line closes it.
            if depth <= d && (closes > 0 || trimmed.ends_with(';')) {
                skip_depth = None;
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The library's top-level modules (a file or a folder of `src/`) and the modules each one's
/// code names through `crate::` (the root's re-exports resolved to their modules).
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = src_dir();
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    // `pub use module::{Name, ..}` in lib.rs: a `crate::Name` path depends on `module`.
    let mut reexports: BTreeMap<String, String> = BTreeMap::new();
    for line in lib.lines().map(str::trim) {
        let Some(rest) = line.strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        let names = names
            .trim_end_matches(';')
            .trim_matches(|c| c == '{' || c == '}');
        for name in names.split(',') {
            reexports.insert(name.trim().to_string(), module.to_string());
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src) {
        let rel = file.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("a component");
        let module = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if module == "lib" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&file).expect("read"));
        let deps = graph.entry(module.clone()).or_default();
        for (k, _) in code.match_indices("crate::") {
            let rest = &code[k + "crate::".len()..];
            let mut names: Vec<&str> = Vec::new();
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                names.extend(
                    group
                        .split(',')
                        .map(|n| n.trim().split("::").next().unwrap_or("")),
                );
            } else {
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                names.push(&rest[..end]);
            }
            for name in names {
                let dep = reexports
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| name.to_string());
                if dep != module
                    && !dep.is_empty()
                    && dep.chars().all(|c| c.is_lowercase() || c == '_')
                {
                    deps.insert(dep);
                }
            }
        }
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for deps in graph.values_mut() {
        deps.retain(|d| modules.contains(d));
    }
    graph
}

#[test]
fn top_level_modules_have_no_import_cycle() {
    let graph = module_graph();
    assert!(
        graph.contains_key("align") && graph["align"].contains("model"),
        "{graph:?}"
    );
    // Depth-first search for a path back to the start.
    for start in graph.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for dep in &graph[&node] {
                assert!(
                    dep != start,
                    "import cycle {} -> {dep}: move what both need into a lower module \
                     (the graph: {graph:?})",
                    path.join(" -> ")
                );
                if seen.insert(dep.clone()) {
                    let mut p = path.clone();
                    p.push(dep.clone());
                    stack.push((dep.clone(), p));
                }
            }
        }
    }
}

#[test]
fn the_library_reads_no_environment_variable() {
    for file in rust_files(&src_dir()) {
        let code = code_of(&std::fs::read_to_string(&file).expect("read"));
        for needle in ["env::var", "env::vars", "env::var_os"] {
            assert!(
                !code.contains(needle),
                "{} reads an environment variable ({needle}): take the setting as an option \
                 of the builder or of Options instead",
                file.display()
            );
        }
    }
}

#[test]
fn the_library_has_no_command_line_dependency() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .expect("Cargo.toml");
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|d| d.split("\n[").next())
        .expect("a [dependencies] table");
    for cli_only in ["clap", "indicatif", "rayon"] {
        assert!(
            !deps.lines().any(|l| l.trim_start().starts_with(cli_only)),
            "the library depends on {cli_only}: it belongs in cli/Cargo.toml"
        );
    }
}

/// The core library's dependencies are these; the readers of documents and the XLSX writer
/// bring theirs only with their cargo features (`optional = true`), so a user of the core
/// compiles none of them.
#[test]
fn the_core_dependency_set_is_lean() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))
            .expect("Cargo.toml");
    let deps = manifest
        .split("\n[dependencies]")
        .nth(1)
        .and_then(|d| d.split("\n[").next())
        .expect("a [dependencies] table");
    let (mut core, mut optional) = (BTreeSet::new(), BTreeSet::new());
    for line in deps.lines().map(str::trim) {
        let Some((name, spec)) = line.split_once('=') else {
            continue;
        };
        if line.starts_with('#') {
            continue;
        }
        let name = name.trim().to_string();
        if spec.contains("optional = true") {
            optional.insert(name);
        } else {
            core.insert(name);
        }
    }
    let want_core: BTreeSet<String> = [
        "thiserror",
        "encoding_rs",
        "chardetng",
        "unicode-segmentation",
        "rust-stemmers",
        "deunicode",
        "flate2",
        "serde",
        "serde_json",
        "quick-xml",
        "rustc-hash",
        "fst",
        "tempfile",
    ]
    .map(String::from)
    .into();
    let want_optional: BTreeSet<String> = [
        "log",
        "jieba-rs",
        "zip",
        "scraper",
        "ego-tree",
        "pdf-extract",
        "rust_xlsxwriter",
    ]
    .map(String::from)
    .into();
    assert_eq!(core, want_core, "the core's dependencies");
    assert_eq!(
        optional, want_optional,
        "the optional dependencies (features)"
    );
}
