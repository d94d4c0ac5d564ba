//! Which files an agent's tool call is about to write, and whether another
//! agent holds one (decisions §3). Claude Code sends absolute paths and the
//! session's `cwd`; locks name paths relative to the repository root.

/// Where a written file is, as far as the hook can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Relative to the repository root, normalised.
    InRepo(String),
    /// Not under a known root: absolute (or relative to an unknown place),
    /// normalised; it matches a held path that is its suffix.
    Outside(String),
}

/// `path` with `.` and empty segments dropped and `..` applied (never above
/// its start); absolute paths keep their leading `/`.
pub fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if path.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Where `file` (as the tool named it) is: joined to `cwd` when relative,
/// then relative to `root` when under it.
pub fn locate(file: &str, cwd: Option<&str>, root: Option<&str>) -> Written {
    let absolute = match (file.starts_with('/'), cwd) {
        (true, _) => normalise(file),
        (false, Some(cwd)) if cwd.starts_with('/') => normalise(&format!("{cwd}/{file}")),
        _ => return Written::Outside(normalise(file)),
    };
    if let Some(root) = root.map(normalise).filter(|r| r.starts_with('/')) {
        let root = root.trim_end_matches('/');
        if let Some(rest) = absolute.strip_prefix(root).and_then(|r| r.strip_prefix('/')) {
            return Written::InRepo(rest.to_owned());
        }
    }
    Written::Outside(absolute)
}

/// Whether `held` (a locked path, or a zone: it covers what is under it)
/// is `written`. Outside a known root, a held path matches as a suffix at a
/// `/` boundary: denying a look-alike is better than letting an edit of a
/// held file through.
pub fn holds(held: &str, written: &Written) -> bool {
    let held = normalise(held);
    let held = held.trim_start_matches('/');
    if held.is_empty() {
        return false;
    }
    match written {
        Written::InRepo(p) => crate::covers(held, p),
        Written::Outside(p) => {
            let p = p.trim_start_matches('/');
            p == held
                || p.ends_with(&format!("/{held}"))
                || p.starts_with(&format!("{held}/"))
                || p.contains(&format!("/{held}/"))
        }
    }
}

/// The files a shell command visibly writes: redirections (`>`, `>>`),
/// `tee`, `sed -i`, `mv`, `cp` (the target), `rm`, `touch`, `truncate`,
/// `git checkout -- <files>`, `git restore`. What a script or an
/// interpreter writes is not visible here.
pub fn bash_writes(command: &str) -> Vec<String> {
    let mut out = Vec::new();
    for simple in split_commands(command) {
        let words = words(&simple);
        redirections(&words, &mut out);
        let args: Vec<&str> = words.iter().map(String::as_str).take_while(|w| !w.contains('>')).collect();
        let Some((&program, rest)) = args.split_first() else { continue };
        let operands = || rest.iter().copied().filter(|a| !a.starts_with('-'));
        match program {
            "rm" | "touch" | "truncate" | "mv" | "tee" => out.extend(operands().map(str::to_owned)),
            "cp" => out.extend(operands().next_back().map(str::to_owned)),
            "sed" if rest.iter().any(|a| a.starts_with("-i") || *a == "--in-place") => out.extend(sed_files(rest)),
            "git" => match rest.first().copied() {
                Some("checkout") => {
                    if let Some(dashes) = rest.iter().position(|a| *a == "--") {
                        out.extend(rest[dashes + 1..].iter().map(|s| (*s).to_owned()));
                    }
                }
                Some("restore") => {
                    out.extend(rest[1..].iter().filter(|a| !a.starts_with('-')).map(|s| (*s).to_owned()));
                }
                _ => {}
            },
            _ => {}
        }
    }
    out.retain(|p| !p.is_empty() && !p.starts_with("/dev/") && !p.contains('$'));
    out.dedup();
    out
}

/// The files of `sed -i`: its operands, less the script (the first operand
/// unless `-e`/`-f` gave it, with the word after them).
fn sed_files(args: &[&str]) -> Vec<String> {
    let (mut files, mut scripted, mut skip) = (Vec::new(), false, false);
    for a in args {
        if skip {
            skip = false;
        } else if *a == "-e" || *a == "-f" {
            (scripted, skip) = (true, true);
        } else if !a.starts_with('-') {
            files.push((*a).to_owned());
        }
    }
    if !scripted && !files.is_empty() {
        files.remove(0);
    }
    files
}

/// The simple commands of a line: split at `;`, `&&`, `||`, `|` and newlines
/// (quotes are not parsed further than words do).
fn split_commands(command: &str) -> Vec<String> {
    command.replace("&&", ";").replace("||", ";").replace(['|', '\n'], ";").split(';').map(str::to_owned).collect()
}

/// Words of a simple command, quotes removed; `>file` split into `>` `file`.
fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => quote = Some(c),
            (None, c) if c.is_whitespace() => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            (None, '>') => {
                if !word.is_empty() && !word.chars().all(|d| d.is_ascii_digit() || d == '&') {
                    words.push(std::mem::take(&mut word));
                }
                word.clear();
                if words.last().is_some_and(|w| w == ">") {
                    continue; // `>>`
                }
                words.push(">".into());
            }
            (None, c) => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn redirections(words: &[String], out: &mut Vec<String>) {
    for pair in words.windows(2) {
        if pair[0] == ">" && !pair[1].starts_with('&') {
            out.push(pair[1].clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_relative_to_the_root_after_normalising() {
        let root = Some("/home/me/repo");
        assert_eq!(locate("/home/me/repo/src/a.rs", None, root), Written::InRepo("src/a.rs".into()));
        assert_eq!(locate("a.rs", Some("/home/me/repo/src"), root), Written::InRepo("src/a.rs".into()));
        assert_eq!(locate("../src/./a.rs", Some("/home/me/repo/docs"), root), Written::InRepo("src/a.rs".into()));
        assert_eq!(locate("/home/me/repo/../other/a.rs", None, root), Written::Outside("/home/me/other/a.rs".into()));
        assert_eq!(locate("/x/a.rs", None, None), Written::Outside("/x/a.rs".into()));
    }

    #[test]
    fn outside_a_known_root_a_held_path_matches_as_a_suffix() {
        let w = Written::Outside("/home/me/repo/src/a.rs".into());
        assert!(holds("src/a.rs", &w));
        assert!(holds("src", &w));
        assert!(!holds("rc/a.rs", &w));
        assert!(!holds("src/b.rs", &w));
        assert!(holds("src", &Written::InRepo("src/a.rs".into())));
        assert!(!holds("src/a.rs", &Written::InRepo("lib/src/a.rs".into())));
    }

    #[test]
    fn shell_writes_are_seen_in_the_usual_forms() {
        assert_eq!(bash_writes("sed -i 's/a/b/' src/a.rs"), vec!["src/a.rs"]);
        assert_eq!(bash_writes("sed -i.bak -e 's/a/b/' src/a.rs"), vec!["src/a.rs"]);
        assert_eq!(bash_writes("echo hi > notes.md && cat x >> log.txt"), vec!["notes.md", "log.txt"]);
        assert_eq!(bash_writes("echo hi >notes.md 2>/dev/null"), vec!["notes.md"]);
        assert_eq!(bash_writes("mv a.rs b.rs; rm -rf build"), vec!["a.rs", "b.rs", "build"]);
        assert_eq!(bash_writes("git checkout -- src/a.rs src/b.rs"), vec!["src/a.rs", "src/b.rs"]);
        assert_eq!(bash_writes("cp -r src/a.rs dst/"), vec!["dst/"]);
        assert_eq!(bash_writes("cat src/a.rs | grep x | tee out.txt"), vec!["out.txt"]);
        assert!(bash_writes("cargo test && ls -la 2>&1").is_empty());
        assert!(bash_writes("grep -n foo src/a.rs").is_empty());
    }
}
