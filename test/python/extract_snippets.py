"""Writes every ```python block of docs/python.md that starts with '# file: NAME' to DIR/NAME."""
import pathlib
import re
import sys

doc, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
blocks = re.findall(r"```python\n# file: (\S+)\n(.*?)```", doc.read_text(), re.S)
for name, body in blocks:
    (out / name).write_text(body)
print(len(blocks))
