#!/usr/bin/env python3
"""Derives the serde-only control crate from a generated crate's sources (issue #14).

The control holds the same public types as the generated crate, each with serde's
derives only: every top-level `impl` block, every private item (the wire structs live
inside `impl Deserialize` and go with it), constants and functions are dropped; the
public structs and enums keep their docs, their derives and their `#[serde]`
attributes, and get `Serialize` and `Deserialize` derived where the generated code
implements them by hand (or not at all). Module declarations, `use` lines and inner docs
are kept, so the tree and the names are the generated crate's.

It reads the text `prettyplease` wrote (every top-level item starts at column 0 and
ends with a line `}` or a line ending in `;` at column 0), so it follows the generated
format as that grows without knowing what the items mean.

    scripts/control-crate.py GENERATED_SRC OUT_SRC

writes OUT_SRC (a `src/` directory); the caller writes the manifest. Prints the line
counts of both trees.
"""

import pathlib
import re
import sys

SERDE = "mutaspec_runtime::serde"
DERIVE = re.compile(r"^#\[derive\((?P<list>.*)\)\]$")


def depth(text):
    """The bracket depth at the end of `text`, skipping string literals."""
    d, i, quoted = 0, 0, False
    while i < len(text):
        c = text[i]
        if quoted:
            if c == "\\":
                i += 1
            elif c == '"':
                quoted = False
        elif c == '"':
            quoted = True
        elif c in "([{":
            d += 1
        elif c in ")]}":
            d -= 1
        i += 1
    return d


def attribute(lines, i):
    """The lines of the attribute starting at line i (prettyplease may break one)."""
    end = i + 1
    while depth("\n".join(lines[i:end])) > 0 and end < len(lines):
        end += 1
    return lines[i:end], end


def items(lines):
    """Splits a file into top-level items: (leading lines, item lines) pairs."""
    out, lead, i = [], [], 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#!"):
            attr, i = attribute(lines, i)
            out.append(([], attr))
            continue
        if line.startswith("//!") or line.startswith("// ") or line == "":
            out.append(([], [line]))
            i += 1
            continue
        if line.startswith("#["):
            attr, i = attribute(lines, i)
            lead.append("\n".join(attr))  # one entry, however many lines
            continue
        if line.startswith("///"):
            lead.append(line)
            i += 1
            continue
        # An item: up to its closing line at column 0.
        start = i
        if line.rstrip().endswith(";") or line.rstrip().endswith("{}"):
            i += 1
        else:
            while i < len(lines) and lines[i] != "}" and not lines[i].startswith("};"):
                i += 1
            i += 1
        out.append((lead, lines[start:i]))
        lead = []
    return out


def derives(lead):
    """The derive list of an item's attributes, and the index of its line."""
    for n, attr in enumerate(lead):
        m = DERIVE.match(" ".join(attr.split()))
        if m:
            return n, [d.strip() for d in m.group("list").split(",") if d.strip()]
    return None, []


def control(lead, body):
    """The item as the control has it, or None if dropped."""
    head = body[0]
    if head.startswith(("pub mod ", "use ", "pub use ")):
        return lead + body
    if not head.startswith(("pub struct ", "pub enum ")):
        return None
    lead = list(lead)
    n, names = derives(lead)
    wanted = [f"{SERDE}::Serialize", f"{SERDE}::Deserialize"]
    if n is None:
        lead.append("#[derive(" + ", ".join(wanted) + ")]")
    else:
        names = [d for d in names if d not in wanted] + wanted
        lead[n] = "#[derive(" + ", ".join(names) + ")]"
    if not any(line.startswith("#[serde(crate") for line in lead):
        lead.append(f'#[serde(crate = "{SERDE}")]')
    return lead + body


def convert(text):
    out = []
    for lead, body in items(text.split("\n")):
        if not lead and (body[0].startswith("#!") or len(body) == 1 and not body[0].startswith(("pub ", "use ", "impl", "struct", "enum", "const", "fn"))):
            out.extend(body)  # comments, inner attributes and docs, blank lines
            continue
        kept = control(lead, body)
        if kept is not None:
            out.extend(kept)
    text = "\n".join(out)
    # Attributes the dropped impls and lints needed: harmless, kept; collapse blank runs.
    return re.sub(r"\n{3,}", "\n\n", text)


def main():
    src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    before = after = 0
    for path in sorted(src.rglob("*.rs")):
        text = path.read_text()
        out = convert(text)
        target = dst / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(out)
        before += text.count("\n")
        after += out.count("\n")
    print(f"control-crate: {before} lines generated, {after} in the control ({src} -> {dst})")


if __name__ == "__main__":
    main()
