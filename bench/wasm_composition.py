#!/usr/bin/env python3
"""What the wasm bundle is made of: code bytes per crate (and the largest functions).

Reads a wasm module that still has its name section: the one cargo writes during
`cargo leptos build --release`, before wasm-bindgen and wasm-opt strip it:

    python3 bench/wasm_composition.py "$CARGO_TARGET_DIR/front/wasm32-unknown-unknown/wasm-release/app.wasm"

The figures are the sizes of function bodies before wasm-opt (which shrinks them by
about a third): compare them with each other, not with the shipped bundle.
"""
import re
import sys
from collections import Counter


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, pos


def read_name(data, pos):
    length, pos = leb(data, pos)
    return data[pos:pos + length].decode("utf-8", "replace"), pos + length


def sections(data):
    pos = 8
    while pos < len(data):
        kind = data[pos]
        size, pos = leb(data, pos + 1)
        yield kind, data[pos:pos + size]
        pos += size


def imported_functions(body):
    count, pos = leb(body, 0)
    functions = 0
    for _ in range(count):
        _, pos = read_name(body, pos)
        _, pos = read_name(body, pos)
        kind = body[pos]
        pos += 1
        if kind == 0:  # function: type index
            _, pos = leb(body, pos)
            functions += 1
        elif kind == 1:  # table: reftype, limits
            pos += 1
            flags, pos = leb(body, pos)
            _, pos = leb(body, pos)
            if flags & 1:
                _, pos = leb(body, pos)
        elif kind == 2:  # memory: limits
            flags, pos = leb(body, pos)
            _, pos = leb(body, pos)
            if flags & 1:
                _, pos = leb(body, pos)
        elif kind == 3:  # global: valtype, mutability
            pos += 2
    return functions


def body_sizes(body):
    count, pos = leb(body, 0)
    sizes = []
    for _ in range(count):
        size, pos = leb(body, pos)
        sizes.append(size)
        pos += size
    return sizes


def function_names(body):
    names = {}
    name, pos = read_name(body, 0)
    if name != "name":
        return names
    while pos < len(body):
        sub = body[pos]
        size, pos = leb(body, pos + 1)
        end = pos + size
        if sub == 1:
            count, p = leb(body, pos)
            for _ in range(count):
                index, p = leb(body, p)
                names[index], p = read_name(body, p)
        pos = end
    return names


def crate_of(name):
    """The crate a (legacy-mangled) Rust symbol comes from, roughly."""
    if name.startswith("_R"):  # v0 mangling (the standard library): `C<hash>_<len><crate>`
        match = re.search(r"C(?:s[0-9a-zA-Z]*_)?(\d+)", name)
        if match:
            start = match.end()
            return name[start:start + int(match.group(1))]
        return "(unknown)"
    if name.startswith("__wbindgen_describe"):
        return "(wasm-bindgen descriptors, removed by wasm-bindgen)"
    if not name.startswith("_ZN"):
        return name.split("::")[0] if "::" in name else "(other: " + name[:24] + ")"
    rest = name[3:]
    match = re.match(r"(\d+)", rest)
    if not match:
        return "(unknown)"
    first = rest[len(match.group(1)):][: int(match.group(1))]
    # `<T as Trait>::f` is mangled `_$LT$path..T$u20$as$u20$...`: the type's crate
    # (after `&`, `&mut `, `*const `, `[`, `(`).
    first = re.sub(r"^_?(\$LT\$|\$RF\$|\$BP\$|\$u5b\$|\$LP\$|mut\$u20\$|const\$u20\$|dyn\$u20\$)+", "", first)
    return first.split("..")[0].split("$")[0] or "(unknown)"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data = open(sys.argv[1], "rb").read()
    imports, sizes, names = 0, [], {}
    for kind, body in sections(data):
        if kind == 2:
            imports = imported_functions(body)
        elif kind == 10:
            sizes = body_sizes(body)
        elif kind == 0:
            names.update(function_names(body))
    if not names:
        sys.exit("no name section: give the module cargo wrote, before wasm-bindgen")
    by_crate, largest = Counter(), []
    for i, size in enumerate(sizes):
        name = names.get(imports + i, "(unnamed)")
        by_crate[crate_of(name)] += size
        largest.append((size, name))
    total = sum(sizes)
    print(f"code: {total} bytes in {len(sizes)} functions\n")
    print("| crate | code bytes | share |\n| --- | ---: | ---: |")
    for crate, size in by_crate.most_common(25):
        print(f"| {crate} | {size} | {100 * size / total:.1f} % |")
    print("\nlargest functions:")
    for size, name in sorted(largest, reverse=True)[:25]:
        print(f"{size:8}  {name[:150]}")


if __name__ == "__main__":
    main()
