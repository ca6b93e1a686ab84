"""``aihw preview`` for a terminal: the resource tree with key inputs, then the plan."""

from __future__ import annotations

from pulumi_aihw.contracts import StackPreview
from pulumi_aihw.reports.preview_text import cell, key_inputs, plan_line, plans, tree
from pulumi_aihw.reports.terminal import TextConsole


def render(preview: StackPreview) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text  # plain text cells: "[secret]" is not markup

    out = TextConsole(200)
    console = out.console
    console.print(
        f"Preview of stack {preview.stack} (project {preview.project}, {preview.stack_dir}): "
        f"{len(preview.resources)} resources, offline (Pulumi mock engine)",
        markup=False,
    )
    names = {r.urn: r.name for r in preview.resources}
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_lines=False)
    for col in ("type", "name", "parent"):
        table.add_column(col, no_wrap=True)
    table.add_column("key inputs", overflow="fold")
    for prefix, r in tree(preview):
        inputs = " ".join(f"{k}={cell(v)}" for k, v in key_inputs(r).items())
        cells = (prefix + r.type, r.name, names.get(r.parent or "", ""), inputs)
        table.add_row(*(Text(c) for c in cells))
    console.print(table)
    summaries = plans(preview)
    for name, summary in summaries.items():
        out.line(f"Plan: {plan_line(name, summary)}")
    if preview.outputs:
        out.line("Outputs:")
        for key in sorted(preview.outputs):
            out.line(f"  {key}: {cell(preview.outputs[key])}")
    return out.text()
