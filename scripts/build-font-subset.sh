#!/usr/bin/env bash
# Rebuilds workers/media/fonts/noto-sans-jp-subset.otf, the font embedded in the Worker for
# thumbnails and diagram labels. Needs Debian's fonts-noto-cjk and python3-fonttools:
#   apt-get install fonts-noto-cjk python3-fonttools
# Subset: ASCII, Latin-1, punctuation, arrows, math, enclosed numbers, box drawing, shapes,
# CJK symbols, kana, full-width forms and JIS X 0208 rows 1-47 (symbols + level-1 kanji).
set -euo pipefail
cd "$(dirname "$0")/.."
python=/usr/bin/python3
chars=$("$python" - <<'PY'
chars = set()
for lo, hi in [(0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x205E), (0x2190, 0x21FF), (0x2200, 0x22FF),
               (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x3000, 0x30FF), (0xFF00, 0xFFEF)]:
    chars.update(range(lo, hi + 1))
for high in range(0xA1, 0xD0):
    for low in range(0xA1, 0xFF):
        try:
            chars.add(ord(bytes([high, low]).decode("euc_jp")))
        except UnicodeDecodeError:
            pass
print(",".join("U+%04X" % c for c in sorted(chars)))
PY
)
"$python" -m fontTools.subset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=0 \
  --unicodes="$chars" --layout-features='kern,palt' --no-hinting \
  --output-file=workers/media/fonts/noto-sans-jp-subset.otf
ls -l workers/media/fonts/noto-sans-jp-subset.otf
