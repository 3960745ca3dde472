#!/usr/bin/env bash
# Rebuilds the browser app's Japanese web fonts (web/src/fonts/*.woff2) from the font the Worker
# embeds (workers/media/fonts/noto-sans-jp-subset.otf, Noto Sans CJK JP, SIL OFL), so the app
# shows 紡ぎ and Japanese run output on a machine without CJK fonts. Served same-origin from
# /fonts/ (a strict CSP's font-src 'self' allows them). Two files, split by unicode-range:
#   tsumugi-jp-ui.woff2     kana, CJK punctuation, full-width forms and 紡: small, loaded for the title
#   tsumugi-jp-kanji.woff2  the other level-1 kanji: loaded only by pages that show them
# Needs python3-fonttools and python3-brotli (apt-get install python3-fonttools python3-brotli).
set -euo pipefail
cd "$(dirname "$0")/.."
python=/usr/bin/python3
src=workers/media/fonts/noto-sans-jp-subset.otf
common=(--layout-features='kern,palt' --no-hinting --flavor=woff2 --name-IDs='*')
"$python" -m fontTools.subset "$src" "${common[@]}" \
  --unicodes="U+3000-30FF,U+FF00-FFEF,U+7D21" --output-file=web/src/fonts/tsumugi-jp-ui.woff2
"$python" -m fontTools.subset "$src" "${common[@]}" \
  --unicodes="U+4E00-7D20,U+7D22-9FFF" --output-file=web/src/fonts/tsumugi-jp-kanji.woff2
cp workers/media/fonts/OFL.txt web/src/fonts/OFL.txt
ls -l web/src/fonts
