//! The one way spec text reaches generated code: an escaping function per context.
//!
//! | context | function | what it guarantees |
//! |---|---|---|
//! | identifier | [`ident`] | a name the resolver checked (ASCII identifier, not reserved), raw when it says `r#` |
//! | string literal | [`lit`] | quotes, backslashes, control and bidi characters become escapes |
//! | doc text (free prose) | [`prose`] | Markdown that rustdoc renders as text: no doctest, no HTML, no link to resolve, no bare URL |
//! | doc text (a spec value) | [`code`] | one inline code span, whatever the value holds |
//! | every doc line | [`doc_line`] | no control or bidi character (rustc denies them in comments) |
//! | a whole doc text | [`doc_lines`] | its lines through [`doc_line`], no tab, no lazy list continuation |
//! | comment | [`comment`] | one line, no control or bidi character |
//!
//! Doc attributes are printed as `///` comments, so a doc string keeps nothing a comment
//! cannot hold; string literals are printed with their escapes, so [`lit`] is enough.

use proc_macro2::Span;

/// An identifier, raw when the name says so (`r#type`). Names reach here only after the
/// resolver checked them (`resolve::names`).
pub(crate) fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, Span::call_site()),
        None => proc_macro2::Ident::new(name, Span::call_site()),
    }
}

/// A string literal token: the token escapes quotes, backslashes, control characters and
/// bidi overrides (`\u{202e}`) itself.
pub(crate) fn lit(s: &str) -> proc_macro2::Literal {
    proc_macro2::Literal::string(s)
}

/// Characters rustc refuses in comments and literals (`text_direction_codepoint_in_*`),
/// and the invisible direction marks beside them.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `s` with every control character (tab aside), bidi control and line or paragraph
/// separator written out as `\u{...}`.
fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (c.is_control() && c != '\t') || is_bidi(c) || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}') {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The text of one `//` comment line.
#[cfg_attr(not(feature = "full"), allow(dead_code))]
pub(crate) fn comment(s: &str) -> String {
    visible(s)
}

/// One line of a doc attribute: the last guard before a `///` comment.
pub(crate) fn doc_line(s: &str) -> String {
    visible(s)
}

/// A whole doc text as the lines of its doc attributes, each through [`doc_line`]:
///
/// - tabs become spaces to the next multiple of 4 (`clippy::tabs_in_doc_comments`);
/// - outside fences, a line that continues a list item's paragraph (the item's line or
///   its continuation, with no blank line between) and is not itself an item is indented
///   to the item's content, so it is no lazy continuation (`clippy::doc_lazy_continuation`)
///   and renders as it would have: in the item. A line indented so is never 4 columns
///   past the item's content, so it is never an indented code block.
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    // The content column of the list item whose paragraph the last line belongs to.
    let mut item: Option<usize> = None;
    for line in text.lines() {
        let line = expand_tabs(line);
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if let Some((c, n)) = fence {
            if fence_run(t).is_some_and(|(fc, fnn, rest)| fc == c && fnn >= n && rest.trim().is_empty()) {
                fence = None;
            }
            out.push(doc_line(&line));
            continue;
        }
        if t.is_empty() {
            item = None;
            out.push(doc_line(&line));
            continue;
        }
        if let Some((c, n, _)) = fence_run(t).filter(|(c, _, rest)| !(*c == '`' && rest.contains('`'))) {
            if indent < 4 || item.is_some() {
                fence = Some((c, n));
                item = None;
                out.push(doc_line(&line));
                continue;
            }
        }
        if let Some(content) = list_item(t) {
            item = Some(indent + content);
            out.push(doc_line(&line));
            continue;
        }
        match item {
            Some(col) if indent < col => out.push(doc_line(&format!("{}{t}", " ".repeat(col)))),
            _ => out.push(doc_line(&line)),
        }
    }
    out
}

/// `line` with each tab replaced by the spaces up to the next multiple of 4 columns.
fn expand_tabs(line: &str) -> String {
    if !line.contains('\t') {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = 4 - col % 4;
            out.push_str(&" ".repeat(n));
            col += n;
        } else {
            out.push(c);
            col += 1;
        }
    }
    out
}

/// When `t` (a line without its indentation) opens a Markdown list item (`- `, `* `,
/// `+ `, `1. `, `1) `): the column of the item's content relative to the marker.
fn list_item(t: &str) -> Option<usize> {
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match t.as_bytes().first()? {
        b'-' | b'*' | b'+' => 1,
        _ if (1..=9).contains(&digits) && matches!(t.as_bytes().get(digits), Some(b'.' | b')')) => digits + 1,
        _ => return None,
    };
    let rest = &t[marker..];
    if rest.is_empty() {
        // An empty item: its content starts on the next line, after the marker.
        return Some(marker + 1);
    }
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    match spaces {
        0 => None,
        // Five or more spaces: the content is an indented block one column in.
        1..=4 if spaces < rest.len() => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

/// A spec value shown as inline code: a backtick run longer than any inside it, padded
/// when the value starts or ends with a backtick; line breaks and controls written out.
pub(crate) fn code(s: &str) -> String {
    let s = visible(s);
    if s.trim().is_empty() {
        return format!("`\"{s}\"`");
    }
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{s}{pad}{ticks}")
}

/// Free spec text (`docs:`, titles, messages) as rustdoc Markdown that rustdoc never
/// compiles and never warns about, keeping what renders harmlessly (emphasis, lists,
/// inline code, links to web pages):
///
/// - fences (```` ``` ```` or `~~~`, whatever their info string) become `text` fences,
///   closed at the end if the spec left one open; their lines are kept as written;
/// - every other line loses its leading whitespace, so no line is an indented code block;
/// - outside inline code, `<` and `>` become entities (no HTML), `[` and `]` are escaped
///   (no intra-doc link to resolve) unless they make a link to a web page, a bare URL
///   becomes an autolink, a backtick that opens no code span on its line is escaped;
/// - a lone CR is a line break; control and bidi characters are written out.
pub(crate) fn prose(text: &str) -> String {
    let text = text.trim().replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for line in text.lines() {
        let t = line.trim_start();
        match fence {
            Some((c, n)) => {
                if fence_run(t).is_some_and(|(fc, fnn, rest)| fc == c && fnn >= n && rest.trim().is_empty()) {
                    out.push(c.to_string().repeat(n));
                    fence = None;
                } else {
                    out.push(visible(line));
                }
            }
            None => match fence_run(t) {
                Some((c, n, rest)) if !(c == '`' && rest.contains('`')) => {
                    out.push(format!("{}text", c.to_string().repeat(n)));
                    fence = Some((c, n));
                }
                _ => out.push(inline(t)),
            },
        }
    }
    if let Some((c, n)) = fence {
        out.push(c.to_string().repeat(n));
    }
    // Callers put prose after a prefix (`Notes: `, `- `code`: `) or before a suffix
    // (`.`, `)`) on the same line: a fence there is no fence, and its closer opens a
    // Rust code block. Prose neither starts nor ends with a fence line.
    let is_fence = |l: &String| fence_run(l).is_some();
    if out.first().is_some_and(is_fence) {
        out.insert(0, String::new());
    }
    if out.len() > 1 && out.last().is_some_and(is_fence) {
        out.push(String::new());
    }
    out.join("\n")
}

/// A fence opener or closer: its character, length and the rest of the line.
fn fence_run(t: &str) -> Option<(char, usize, &str)> {
    let c = t.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = t.len() - t.trim_start_matches(c).len();
    (n >= 3).then(|| (c, n, &t[n..]))
}

/// One line of prose outside fences (see [`prose`]).
fn inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                // The spec's own escape: the character after it is literal either way.
                out.push(c);
                out.push(chars[i + 1]);
                i += 2;
            }
            '`' => {
                let n = run(&chars, i, '`');
                match closing_ticks(&chars, i + n, n) {
                    Some(end) => {
                        out.push_str(&visible(&chars[i..end + n].iter().collect::<String>()));
                        i = end + n;
                    }
                    None => {
                        out.push_str(&"\\`".repeat(n));
                        i += n;
                    }
                }
            }
            '<' => match autolink(&chars, i) {
                Some(end) => {
                    out.push_str(&visible(&chars[i..end].iter().collect::<String>()));
                    i = end;
                }
                None => {
                    out.push_str("&lt;");
                    i += 1;
                }
            },
            '>' => {
                out.push_str("&gt;");
                i += 1;
            }
            '[' => match web_link(&chars, i) {
                Some((text_end, end)) => {
                    out.push('[');
                    out.push_str(&inline(&chars[i + 1..text_end].iter().collect::<String>()));
                    out.push_str("](");
                    out.push_str(&visible(&chars[text_end + 2..end - 1].iter().collect::<String>()));
                    out.push(')');
                    i = end;
                }
                None => {
                    out.push_str("\\[");
                    i += 1;
                }
            },
            ']' => {
                out.push_str("\\]");
                i += 1;
            }
            'h' if url_at(&chars, i) => {
                let end = url_end(&chars, i);
                out.push('<');
                out.push_str(&visible(&chars[i..end].iter().collect::<String>()));
                out.push('>');
                i = end;
            }
            c => {
                out.push_str(&visible(c.encode_utf8(&mut [0; 4])));
                i += 1;
            }
        }
    }
    out
}

/// The length of the run of `c` starting at `i`.
fn run(chars: &[char], i: usize, c: char) -> usize {
    chars[i..].iter().take_while(|&&x| x == c).count()
}

/// Where a backtick run of exactly `n` starts at or after `from`, closing a code span.
fn closing_ticks(chars: &[char], from: usize, n: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '`' {
            let m = run(chars, j, '`');
            if m == n {
                return Some(j);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

fn starts_with(chars: &[char], i: usize, s: &str) -> bool {
    let n = s.chars().count();
    chars.get(i..i + n).is_some_and(|w| w.iter().copied().eq(s.chars()))
}

/// Whether a web URL starts at `i` (lowercase scheme, as rustdoc's bare-URL lint reads).
fn url_at(chars: &[char], i: usize) -> bool {
    let scheme = if starts_with(chars, i, "https://") {
        8
    } else if starts_with(chars, i, "http://") {
        7
    } else {
        return false;
    };
    url_end(chars, i) > i + scheme
}

/// Where a bare URL starting at `i` ends: at a space or a character Markdown gives a
/// meaning, without the sentence's trailing punctuation or an unopened `)`.
fn url_end(chars: &[char], i: usize) -> usize {
    let mut end = i;
    while end < chars.len() && !chars[end].is_whitespace() && !matches!(chars[end], '<' | '>' | '`' | '"' | '[' | ']' | '\\') {
        end += 1;
    }
    while end > i {
        let last = chars[end - 1];
        let opened = chars[i..end].iter().filter(|&&c| c == '(').count();
        let closed = chars[i..end].iter().filter(|&&c| c == ')').count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_' | '~') || (last == ')' && closed > opened) {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// The end (exclusive) of an autolink `<https://...>` starting at `i`.
fn autolink(chars: &[char], i: usize) -> Option<usize> {
    if !(starts_with(chars, i + 1, "https://") || starts_with(chars, i + 1, "http://")) {
        return None;
    }
    let close = (i + 1..chars.len()).find(|&j| chars[j] == '>')?;
    chars[i + 1..close]
        .iter()
        .all(|c| !c.is_whitespace() && !c.is_control() && *c != '<')
        .then_some(close + 1)
}

/// `[text](https://...)` at `i`: where the text ends (the `]`) and the link ends.
fn web_link(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let text_end = (i + 1..chars.len()).find(|&j| matches!(chars[j], '[' | ']'))?;
    if chars[text_end] != ']' || chars.get(text_end + 1) != Some(&'(') {
        return None;
    }
    let start = text_end + 2;
    if !(starts_with(chars, start, "https://") || starts_with(chars, start, "http://")) {
        return None;
    }
    let close = (start..chars.len()).find(|&j| chars[j] == ')')?;
    let ok = chars[start..close]
        .iter()
        .all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '<' | '>' | '(' | '`'));
    ok.then_some((text_end, close + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_become_text_and_indents_go() {
        let p = prose("Intro\n```rust\nfn main() {}\n```\n~~~\nx\n~~~~\n\n    indented\n```sh\nopen");
        assert_eq!(
            p,
            "Intro\n```text\nfn main() {}\n```\n~~~text\nx\n~~~\n\nindented\n```text\nopen\n```\n"
        );
        // Whatever precedes or follows it on the caller's line, a fence stays one.
        assert_eq!(prose("```json\n{}\n```"), "\n```text\n{}\n```\n");
    }

    #[test]
    fn html_links_and_urls() {
        assert_eq!(prose("a <b> map<string> `<T>`"), "a &lt;b&gt; map&lt;string&gt; `<T>`");
        assert_eq!(
            prose("[x] [y](https://e.com/a) [z](other)"),
            "\\[x\\] [y](https://e.com/a) \\[z\\](other)"
        );
        assert_eq!(prose("see (https://e.com/a_b)."), "see (<https://e.com/a_b>).");
        assert_eq!(prose("<https://e.com>"), "<https://e.com>");
        assert_eq!(prose("one ` tick and \\[escaped"), "one \\` tick and \\[escaped");
    }

    #[test]
    fn tabs_expand_and_list_items_keep_their_lines() {
        assert_eq!(doc_lines("a\tb\t\tc"), ["a   b       c"]);
        assert_eq!(
            doc_lines("* star\nlazy line\n- `x`: one\ntwo\n\nafter\n10. ten\neleven"),
            ["* star", "  lazy line", "- `x`: one", "  two", "", "after", "10. ten", "    eleven"]
        );
        // Inside a fence nothing moves; a fence ends the item.
        assert_eq!(doc_lines("- a\n```text\nx\n```\nb"), ["- a", "```text", "x", "```", "b"]);
        // Not items: emphasis, a rule, a number without its dot.
        assert_eq!(
            doc_lines("**b**\nx\n---\ny\n2020 was\nz"),
            ["**b**", "x", "---", "y", "2020 was", "z"]
        );
    }

    #[test]
    fn controls_and_bidi_are_written_out() {
        assert_eq!(prose("a\u{202E}b\rc\u{7}"), "a\\u{202e}b\nc\\u{7}");
        assert_eq!(comment("x\ny"), "x\\u{a}y");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("m\u{2066}"), "`m\\u{2066}`");
    }
}
