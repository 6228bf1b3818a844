#!/usr/bin/env bash
# Makes the document fixtures of tests/fixtures/ from the sources in tests/fixtures/src/
# (the seed's UN note with a Chinese annex and an English note verbale of our own, a pair of
# library rules, a news page): Word, OpenDocument and PDF with LibreOffice headless and the
# Noto CJK fonts, HTML in GB2312 with iconv, and the corrupt files the readers must refuse.
# The generated files are committed, so the tests never need LibreOffice:
#
#   apt-get install -y libreoffice-writer-nogui fonts-noto-cjk zip
#   scripts/make-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures"
for tool in soffice iconv zip python3; do
    command -v "$tool" >/dev/null || { echo "make-fixtures: $tool is missing" >&2; exit 1; }
done
fc-list | grep -q 'Noto Serif CJK SC' || { echo "make-fixtures: fonts-noto-cjk is missing" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A page header and footer: the document symbol, the job number and the page number.
header() {
    cat <<XML
<style:header><text:p text:style-name="Header">A/HRC/47/G/5</text:p></style:header>
<style:footer><text:p text:style-name="Footer">$1</text:p><text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
XML
}

# fodt NAME LANG COUNTRY HEADER: src/NAME.body inside the common prologue and epilogue.
fodt() {
    local name=$1 lang=$2 country=$3 head=$4
    {
        awk -v lang="$lang" -v country="$country" -v head="$head" '
            { gsub(/@LANG@/, lang); gsub(/@COUNTRY@/, country) }
            /@HEADER@/ { print head; next }
            { print }' src/prologue.fodt
        cat "src/$name.body" src/epilogue.fodt
    } > "$work/$name.fodt"
}

fodt un-note.zh zh CN "$(header 'GE.21-04787(C)')"
fodt un-note.en en GB "$(header 'GE.21-04787(E)')"
fodt rules.zh zh CN ""
fodt rules.en en GB ""

convert() { # convert FORMAT FILE...
    local format=$1
    shift
    soffice --headless --norestore --convert-to "$format" --outdir "$work/out" "$@" >/dev/null
}
# (No PDF of the rules: a PDF shows tracked changes as marked-up text.)
convert pdf "$work/un-note.zh.fodt" "$work/un-note.en.fodt"
convert docx "$work/un-note.zh.fodt" "$work/rules.zh.fodt" "$work/rules.en.fodt"
convert odt "$work/rules.zh.fodt" "$work/rules.en.fodt" "$work/un-note.en.fodt"
cp "$work"/out/* .

# HTML: the Chinese page in GB2312, as its meta element declares.
iconv -f UTF-8 -t GB2312 src/news.zh.html > news.zh.html
# (news.en.html, in UTF-8, is written by hand: nothing to make.)

# Corrupt files.
mkdir -p corrupt
head -c 3000 rules.zh.docx > corrupt/truncated.docx
mkdir -p "$work/nodoc" && (cd "$work/nodoc" && unzip -q "$OLDPWD/rules.zh.docx" && rm word/document.xml && zip -q -r -X "$OLDPWD/corrupt/no-document.docx" .)
# A zip bomb: 512 MiB of spaces in word/document.xml, about half a megabyte compressed.
python3 - corrupt/zip-bomb.docx <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        block = b" " * (1 << 20)
        for _ in range(512):
            f.write(block)
PY
# A PDF whose cross-reference table points nowhere and whose trailer is cut off.
sed -e 's/^startxref$/startxrEF/' -e 's/^\([0-9]\{10\}\) 00000 n/999999\1 00000 n/' un-note.en.pdf \
    | head -c "$(( $(wc -c < un-note.en.pdf) - 200 ))" > corrupt/broken-xref.pdf
# A PDF without a text layer: one page with a filled rectangle and no text.
python3 - corrupt/no-text.pdf <<'PY'
import sys
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"]
stream = b"0.5 g 20 20 160 160 re f"
objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
out = bytearray(b"%PDF-1.4\n")
offsets = []
for k, body in enumerate(objs, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n%s\nendobj\n" % (k, body)
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offsets:
    out += b"%010d 00000 n \n" % o
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
open(sys.argv[1], "wb").write(out)
PY
ls -l . corrupt
