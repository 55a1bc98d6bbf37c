"""Writes the broken fixture sites: python3 Tests/Fixtures/broken/make-cases.py Tests/Fixtures/broken"""
import json, os, shutil, sys
ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
CONFIG = "title: Broken\nbase_url: https://example.com/\n"
BODY = "Some words about the project so that the page is not empty.\n"
cases = {}
def case(name, files, expected, symlinks=None, config=CONFIG):
    files = dict(files)
    if config is not None: files.setdefault("portfolio.yaml", config)
    cases[name] = (files, expected, symlinks)
def d(file, line, code, column=None, contains=None, severity=None):
    e = {"file": file, "line": line, "code": code}
    if column is not None: e["column"] = column
    if contains: e["message_contains"] = contains
    if severity: e["severity"] = severity
    return e
P = "content/projects/p.md"
B = "content/projects/p/index.md"
M = "content/projects/p/metrics.yaml"
def page(fm, body=BODY): return "---\n" + fm + "---\n" + body

# --- front matter
case("yaml-syntax-error", {P: page("title: Ok\nrole: trainer\ndescription: a: b\n")}, [d(P, 4, "yaml.syntax", 15)])
case("yaml-syntax-unclosed-quote", {P: page("title: \"Ok\nrole: trainer\n")}, [d(P, 4, "yaml.syntax")])
case("yaml-syntax-crlf-bom", {P: ("\ufeff" + page("title: Ok\r\nrole: a\r\ndescription: a: b\r\n")).replace("---\n", "---\r\n")}, [d(P, 4, "yaml.syntax", 15)])
case("yaml-duplicate-key", {P: page("title: One\nrole: x\ntitle: Two\n")}, [d(P, 2, "yaml.duplicate-key")])
case("front-matter-unterminated", {P: "---\ntitle: Never closed\nrole: x\n\n" + BODY}, [d(P, 1, "front-matter.unterminated", 1)])
case("front-matter-toml", {P: "+++\ntitle = \"x\"\n+++\n" + BODY}, [d(P, 1, "front-matter.toml", 1)])
case("front-matter-not-mapping", {P: page("- a\n- b\n")}, [d(P, 2, "front-matter.type", 1)])
case("wrong-type-tags", {P: page("title: Ok\ntags: 5\n")}, [d(P, 3, "front-matter.type", 7)])
case("wrong-type-draft", {P: page("title: Ok\ndraft: maybe\n")}, [d(P, 3, "front-matter.type", 8)])
case("wrong-type-title-list", {P: page("title: [a, b]\n")}, [d(P, 2, "front-matter.type", 8), d(P, 1, "front-matter.title", 1)])
case("weight-huge", {P: page("title: Ok\nweight: 1e300\n")}, [d(P, 3, "front-matter.type", 9)])
case("date-invalid", {P: page("title: Ok\npublish_date: 2024-13-03\n")}, [d(P, 3, "front-matter.date", 15)])
case("date-invalid-day", {P: page("title: Ok\ndate: '2023-02-30'\n")}, [d(P, 3, "front-matter.date", 7)])
case("read-time-not-duration", {P: page("title: Ok\nread_time: a while\n")}, [d(P, 3, "front-matter.read-time", 12)])
case("read-time-mismatch", {P: page("title: Ok\nread_time: 45 mins\n")}, [d(P, 3, "front-matter.read-time-mismatch", 12, severity="warning")])
case("date-order", {P: page("title: Ok\ncreated_date: 2024-03-01\npublish_date: 2024-01-01\n")}, [d(P, 4, "front-matter.date-order", 15, severity="warning")])
case("typo-key", {P: page("tittle: Oops\n", "# Heading\n\n" + BODY)}, [d(P, 2, "front-matter.unknown-key", 1, contains="title", severity="warning")])
case("alias-conflict", {P: page("title: Ok\ndate: 2024-01-01\npublish_date: 2024-01-02\n")}, [d(P, 4, "front-matter.alias-conflict", 1, severity="warning")])
case("missing-title", {P: page("description: no title here\n")}, [d(P, 1, "front-matter.title", 1)])
case("duplicate-slugs", {"content/projects/a.md": page("title: A\nslug: same\n"), "content/projects/b.md": page("title: B\nslug: same\n")},
     [d("content/projects/b.md", 3, "site.duplicate-url", 7, contains="content/projects/a.md")])
case("slug-parent-dir", {P: page("title: Ok\nslug: ../../escape\n")}, [d(P, 3, "front-matter.slug", 7)])
case("slug-absolute", {P: page("title: Ok\nslug: /etc/passwd\n")}, [d(P, 3, "front-matter.slug", 7)])
case("slug-nul", {P: page("title: Ok\nslug: \"a\\0b\"\n")}, [d(P, 3, "front-matter.slug", 7)])
case("slug-dotdot-only", {P: page("title: Ok\nslug: ..\n")}, [d(P, 3, "front-matter.slug", 7)])
case("tab-indentation", {P: page("title: Ok\nauthor:\n\tname: Sam\n")}, [d(P, 4, "front-matter.indentation", 1), d(P, 4, "yaml.syntax")])
case("nbsp-indentation", {P: page("title: Ok\nauthor:\n\u00a0 name: Sam\n")}, [d(P, 4, "front-matter.indentation", 1)])
# --- content
case("hero-image-missing", {B: page("title: Ok\nheroImage: hero.png\n")}, [d(B, 3, "content.missing-image", 12)])
case("markdown-image-missing", {P: page("title: Ok\n", BODY + "\n![Loss curve](img/loss.png)\n")}, [d(P, 6, "content.missing-image", 1)])
case("image-without-alt", {B: page("title: Ok\n", BODY + "\n![](pic.svg)\n"), "content/projects/p/pic.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>\n"}, [d(B, 6, "content.image-alt", 1, severity="warning")])
case("link-missing-root", {P: page("title: Ok\n", BODY + "\nSee [the other one](/projects/x/).\n")}, [d(P, 6, "content.broken-link", 5)])
case("link-missing-relative", {P: page("title: Ok\n", BODY + "\nSee [the other one](../x/).\n")}, [d(P, 6, "content.broken-link", 5)])
case("link-to-md-file", {P: page("title: Ok\n", BODY + "\nSee [q](q.md).\n"), "content/projects/q.md": page("title: Q\n")}, [d(P, 6, "content.broken-link", 5)])
case("link-above-root", {P: page("title: Ok\n", BODY + "\nSee [up](../../../x/).\n")}, [d(P, 6, "content.link-outside-site", 5)])
case("link-far-above-root", {P: page("title: Ok\n", BODY + "\nSee [up](../../../../../x/).\n")}, [d(P, 6, "content.link-outside-site", 5)])
case("empty-body", {P: page("title: Ok\n", "")}, [d(P, 1, "content.empty", 1, severity="warning")])
case("table-without-delimiter-row", {P: page("title: Ok\n", BODY + "\n| Round | pass@1 |\n| 1 | 48.7 |\n")}, [d(P, 7, "markdown.table", 1, severity="warning")])
# --- text
cases_bytes = {}
cases_bytes["invalid-utf8"] = ({P: b"---\ntitle: Ok\n---\nFirst line.\nBad \xff byte here.\n"}, [d(P, 5, "text.invalid-utf8", 5)])
cases_bytes["invalid-utf8-truncated-sequence"] = ({P: b"---\ntitle: Caf\xc3\n---\nText.\n"}, [d(P, 2, "text.invalid-utf8", 11)])
cases_bytes["latin1-file"] = ({P: b"---\ntitle: Ok\n---\nR\xe9sum\xe9 of the work.\n"}, [d(P, 4, "text.invalid-utf8", 2)])
case("double-encoded", {P: page("title: Ok\n", "It\u00e2\u20ac\u2122s a model.\n")}, [d(P, 4, "text.double-encoded", 3, contains="\u2019", severity="warning")])
cases_bytes["binary-named-md"] = ({P: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"}, [d(P, 1, "text.binary", 1)])
# --- templates
case("template-syntax", {P: page("title: Ok\n"), "templates/page.mustache": "<main>\n{{#items}}\n<p>{{title}}</p>\n</main>\n"}, [d("templates/page.mustache", 5, "template.syntax")])
case("template-unclosed-tag", {P: page("title: Ok\n"), "templates/page.mustache": "<main>\n<h1>{{title</h1>\n</main>\n"}, [d("templates/page.mustache", 2, "template.syntax")])
case("template-missing-partial", {P: page("title: Ok\n"), "templates/page.mustache": "<main>\n{{> heder}}\n</main>\n"}, [d("templates/page.mustache", 2, "template.missing-partial", 1, contains="heder")])
case("template-missing-parent", {P: page("title: Ok\n"), "templates/page.mustache": "{{< baes}}\n{{$main}}x{{/main}}\n{{/baes}}\n"}, [d("templates/page.mustache", 1, "template.missing-partial", 1, contains="baes")])
# --- metrics
def mfile(body): return {B: page("title: Ok\n"), M: body}
case("metric-non-finite", mfile("metrics:\n  - name: loss\n    better: lower\n    points:\n      - { step: 0, value: 1.0 }\n      - { step: 1, value: .nan }\n"), [d(M, 6, "metrics.value")])
case("metric-infinite", mfile("metrics:\n  - name: loss\n    better: lower\n    points:\n      - { step: 0, value: 1.0 }\n      - { step: 1, value: .inf }\n"), [d(M, 6, "metrics.value")])
case("metric-missing-name", mfile("metrics:\n  - unit: score\n    better: higher\n    points:\n      - { step: 0, value: 1 }\n      - { step: 1, value: 2 }\n"), [d(M, 2, "metrics.name")])
case("metric-no-points", mfile("metrics:\n  - name: accuracy\n    points: []\n"), [d(M, 2, "metrics.points")])
case("metric-duplicate-steps", mfile("metrics:\n  - name: accuracy\n    points:\n      - { step: 0, value: 1 }\n      - { step: 0, value: 2 }\n"), [d(M, 5, "metrics.duplicate-step")])
case("metric-decreasing-steps", mfile("metrics:\n  - name: accuracy\n    points:\n      - { step: 2, value: 1 }\n      - { step: 1, value: 2 }\n"), [d(M, 5, "metrics.step-order")])
case("metric-bad-better", mfile("metrics:\n  - name: accuracy\n    better: sideways\n    points:\n      - { step: 0, value: 1 }\n      - { step: 1, value: 2 }\n"), [d(M, 3, "metrics.better")])
case("metric-percent-over-100", mfile("metrics:\n  - name: accuracy\n    unit: percent\n    points:\n      - { step: 0, value: 50 }\n      - { step: 1, value: 142 }\n"), [d(M, 6, "metrics.range", severity="error", contains="above 100%")])
case("metric-share-of-baseline-over-100", mfile("metrics:\n  - name: throughput vs baseline\n    unit: percent\n    better: higher\n    points:\n      - { step: 0, value: 100 }\n      - { step: 1, value: 142 }\n"), [d(M, 7, "metrics.range", severity="warning")])
case("metric-fraction-over-1", mfile("metrics:\n  - name: accuracy\n    unit: fraction\n    points:\n      - { step: 0, value: 0.5 }\n      - { step: 1, value: 1.2 }\n"), [d(M, 6, "metrics.range")])
case("metric-file-missing", {P: page("title: Ok\nmetrics: results.json\n")}, [d(P, 3, "metrics.missing", 10)])
case("metric-path-outside", {P: page("title: Ok\nmetrics: ../../../secret.yaml\n")}, [d(P, 3, "metrics.path", 10)])
case("metric-direction-unknown", mfile("metrics:\n  - name: vibes\n    points:\n      - { step: 0, value: 1 }\n      - { step: 1, value: 2 }\n"), [d(M, 2, "metrics.direction-unknown", severity="warning")])
case("metric-single-point", mfile("metrics:\n  - name: accuracy\n    points:\n      - { step: 0, value: 1 }\n"), [d(M, 4, "metrics.single-point", severity="warning")])
case("metric-yaml-syntax", mfile("metrics:\n  - name: accuracy\n    points: [\n"), [d(M, 4, "metrics.syntax")])
case("metric-yaml-error-at-end", mfile("metrics:\n  - name: accuracy\n    po"), [d(M, 3, "metrics.syntax", 7)])
case("metric-huge-duplicate-step", mfile("metrics:\n  - name: accuracy\n    points:\n      - { step: 1e300, value: 1 }\n      - { step: 1e300, value: 2 }\n"), [d(M, 5, "metrics.duplicate-step", contains="1e+300")])
case("config-yaml-error-at-end", {P: page("title: Ok\n")}, [d("portfolio.yaml", 2, "yaml.syntax", 6)], config="title: Ok\nbase_")
case("metric-csv-bad-value", {B: page("title: Ok\n"), "content/projects/p/metrics.csv": "metric,step,value\naccuracy,0,0.5\naccuracy,1,lots\n"}, [d("content/projects/p/metrics.csv", 3, "metrics.value")])
case("metric-inline-bad-value", {P: page("title: Ok\nmetrics:\n  - name: accuracy\n    points:\n      - { step: 0, value: 1 }\n      - { step: 1, value: high }\n")}, [d(P, 7, "metrics.value")])
# --- YAML bombs, config
bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
case("yaml-alias-bomb", {P: page("title: Ok\n" + bomb)}, [d(P, 7, "yaml.too-large", 4), d(P, 8, "yaml.too-large", 4)])
case("metric-alias-bomb", mfile(bomb + "metrics: *f\n"), [d(M, 5, "metrics.shape", 4)] + [d(M, n, "metrics.unknown-key", 1, severity="warning") for n in range(1, 7)])
case("config-wrong-type", {P: page("title: Ok\n")}, [d("portfolio.yaml", 1, "config.type", 8)], config="title: [a, b]\nbase_url: https://example.com/\n")
case("config-yaml-syntax", {P: page("title: Ok\n")}, [d("portfolio.yaml", 2, "yaml.syntax")], config="title: Ok\nbase_url: a: b\n")
# --- nothing confidential published (confidential.txt at the site root), secrets, sample-task blocks
C = "confidential.txt"
def col(line, needle): return line.index(needle) + 1
line = "We labelled data for Acme's chatbot."
case("confidential-term-in-body", {C: "# clients\nAcme\n", P: page("title: Ok\n", BODY + "\n" + line + "\n")}, [d(P, 6, "confidential.term", col(line, "Acme"), contains="'Acme'")])
case("confidential-term-in-front-matter", {C: "Blue Heron\n", P: page("title: Ok\ntags: [rlhf, blue heron]\n")}, [d(P, 3, "confidential.term", 14)])
case("confidential-term-in-alt-text", {C: "heron\n", B: page("title: Ok\n", BODY + "\n![Heron dashboard](shot.svg)\n"), "content/projects/p/shot.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>\n"}, [d(B, 6, "confidential.term", 3)])
case("confidential-term-in-metric-name", {C: "heron\n", B: page("title: Ok\n"), M: "metrics:\n  - name: heron accuracy\n    unit: percent\n    points:\n      - { step: 0, value: 50 }\n      - { step: 1, value: 60 }\n"}, [d(M, 2, "confidential.term")])
case("confidential-term-in-file-name", {C: "acme\n", "content/projects/acme-eval/index.md": page("title: Ok\n")}, [d("content/projects/acme-eval/index.md", 0, "confidential.term", contains="path")])
case("confidential-term-in-config", {C: "acme\n", P: page("title: Ok\n")}, [d("portfolio.yaml", 3, "confidential.term", 23)], config=CONFIG + "description: Work for ACME and others # not Acme in a comment\n")
line = "export OPENAI_API_KEY=sk-proj-Ab3dEf9hIjKlMn0pQrStUvWx"
case("secret-api-key", {P: page("title: Ok\n", BODY + "\n" + line + "\n")}, [d(P, 6, "confidential.secret", col(line, "sk-"), contains="OpenAI")])
case("secret-private-key", {P: page("title: Ok\n", BODY + "\n```\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n```\n")}, [d(P, 7, "confidential.secret", 1, contains="private key")])
case("secret-allowed-by-marker", {P: page("title: Ok\n", BODY + "\nA fake key looks like `AKIAIOSFODNN7EXAMPLE`. <!-- portfolio:allow -->\n")}, [])
line = "Ask lead@acme-labs.io; the queue ran on 10.0.3.7."
case("email-and-private-host", {P: page("title: Ok\n", BODY + "\n" + line + "\n")}, [d(P, 6, "confidential.email", col(line, "lead"), severity="warning"), d(P, 6, "confidential.private-host", col(line, "10."), severity="warning")])
def sample(yaml): return page("title: Ok\n", BODY + "\n```preference\n" + yaml + "```\n")
case("sample-chosen-unknown", {P: sample("prompt: P\nresponses: {A: a, B: b}\nchosen: C\n")}, [d(P, 9, "sample-task.chosen", 9)])
line = "  tone: {A: 9, B: 2, scale: 7}"
case("sample-score-outside-scale", {P: sample("prompt: P\nresponses: {A: a, B: b}\nchosen: A\nscores:\n" + line + "\n")}, [d(P, 11, "sample-task.score", col(line, "9"))])
case("sample-missing-prompt", {P: sample("responses: {A: a, B: b}\nchosen: A\n")}, [d(P, 7, "sample-task.missing", 1, contains="prompt")])
case("sample-invalid-yaml", {P: sample("prompt: P\nresponses: {A: a, B: b\nchosen: A\n")}, [d(P, 9, "yaml.syntax")])
# --- hire: and resume.json (the tests build on 2026-11-27)
H = "portfolio.yaml"
def hire(block): return CONFIG + "hire:\n" + block
case("hire-currency-unknown", {P: page("title: Ok\n")}, [d(H, 4, "hire.currency", 33)], config=hire("  rate: { amount: 55, currency: USX, per: hour }\n"))
case("hire-rate-not-positive", {P: page("title: Ok\n")}, [d(H, 4, "hire.rate", 19)], config=hire("  rate: { amount: -55, currency: USD, per: hour }\n"))
case("hire-per-unknown", {P: page("title: Ok\n")}, [d(H, 4, "hire.per", 43)], config=hire("  rate: { amount: 55, currency: USD, per: week }\n"))
case("hire-date-invalid", {P: page("title: Ok\n")}, [d(H, 4, "hire.date", 19)], config=hire("  available_from: 2027-02-30\n"))
case("hire-level-unknown", {P: page("title: Ok\n")}, [d(H, 5, "hire.level", 30)], config=hire("  languages:\n    - { name: French, level: C3 }\n"))
case("hire-timezone-unknown", {P: page("title: Ok\n")}, [d(H, 4, "hire.timezone", 13)], config=hire("  timezone: Lagos\n"))
case("hire-quality-over-scale", {P: page("title: Ok\n")}, [d(H, 5, "hire.quality-range", 30)], config=hire("  quality:\n    - { name: Rating, value: 5.2, scale: 5, source: S }\n"))
case("hire-quality-percent-over-100", {P: page("title: Ok\n")}, [d(H, 5, "hire.quality-range", 33)], config=hire("  quality:\n    - { name: Agreement, value: 104, unit: percent, source: S }\n"))
case("hire-quality-no-source", {P: page("title: Ok\n")}, [d(H, 5, "hire.quality-source", 7, severity="warning")], config=hire("  quality:\n    - { name: Rating, value: 4.5, scale: 5 }\n"))
case("hire-quality-stale", {P: page("title: Ok\n")}, [d(H, 5, "hire.quality-stale", 63, severity="warning")], config=hire("  quality:\n    - { name: Rating, value: 4.5, scale: 5, source: S, as_of: 2025-09 }\n"))
case("hire-unknown-key", {P: page("title: Ok\n")}, [d(H, 4, "hire.unknown-key", 3, contains="hours_per_week", severity="warning")], config=hire("  hours_per_wek: 20\n"))
case("resume-wrong-type", {P: page("title: Ok\n"), "resume.json": "{\n  \"basics\": {\n    \"name\": 42\n  }\n}\n"}, [d("resume.json", 3, "resume.type", 13)])
case("resume-date-invalid", {P: page("title: Ok\n"), "resume.json": "{\"work\": [\n  {\"name\": \"X\", \"startDate\": \"2023-13\"}\n]}\n"}, [d("resume.json", 2, "resume.date", 30)])
case("resume-unknown-key", {P: page("title: Ok\n"), "resume.json": "{\"skils\": []}\n"}, [d("resume.json", 1, "resume.unknown-key", 2, contains="skills", severity="warning")])
case("resume-disagrees-with-site", {P: page("title: Ok\n"), "resume.json": "{\"basics\": {\"name\": \"Someone Else\"}}\n"}, [d("resume.json", 1, "cv.mismatch", 21, severity="warning")], config=CONFIG + "author:\n  name: Sam\n")
# --- symlinks made at run time
case("symlink-outside-site", {P: page("title: Ok\n")}, [d("content/projects/leak.md", 0, "content.link-outside-site")], symlinks={"content/projects/leak.md": "/etc/hostname"})
case("symlink-dangling", {P: page("title: Ok\n")}, [d("content/projects/gone.md", 0, "content.broken-link")], symlinks={"content/projects/gone.md": "nowhere.md"})
case("symlink-loop", {P: page("title: Ok\n")}, [], symlinks={"content/projects/loop": ".."})
case("symlink-self-loop", {P: page("title: Ok\n")}, [d("content/projects/self.md", 0, "content.broken-link")], symlinks={"content/projects/self.md": "self.md"})

# Regenerates every case folder (those holding expected.json); this script and other files stay.
for old in os.listdir(ROOT) if os.path.isdir(ROOT) else []:
    if os.path.exists(os.path.join(ROOT, old, "expected.json")): shutil.rmtree(os.path.join(ROOT, old))
for name, (files, expected) in cases_bytes.items():
    files = dict(files); files["portfolio.yaml"] = CONFIG.encode()
    cases[name] = (files, expected, None)
for name, (files, expected, symlinks) in cases.items():
    base = os.path.join(ROOT, name)
    for rel, text in files.items():
        p = os.path.join(base, rel); os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f: f.write(text if isinstance(text, bytes) else text.encode())
    doc = {"diagnostics": expected}
    if symlinks: doc["symlinks"] = symlinks
    with open(os.path.join(base, "expected.json"), "w") as f: json.dump(doc, f, indent=2, ensure_ascii=False); f.write("\n")
print(len(cases))
