"""A clean HTML page comes out byte for byte; anything unsafe or changed is rebuilt."""

import pytest

from cleanup import clean

PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>الطاقة الشمسية في الخليج</title>
</head>
<body>
<article dir="rtl">
<header><h1>الطاقة الشمسية تتوسع بسرعة في دول الخليج</h1>
<p><time datetime="2026-11-28">28 نوفمبر 2026</time></p></header>
<section>
<p>أعلنت شركة <bdi>Siemens</bdi> عن مشروع جديد بقدرة 500 ميغاواط، وفق <a href="https://example-news.org/ar/solar">التقرير</a>.</p>
<figure><img src="/img/solar.jpg" alt="ألواح شمسية"><figcaption>محطة قرب الدوحة</figcaption></figure>
</section>
</article>
</body>
</html>
"""


def test_clean_page_is_published_byte_for_byte():
    result = clean(PAGE)
    assert result.changes == [] and result.text == PAGE


def test_changed_page_keeps_its_title_language_and_direction():
    result = clean(PAGE.replace("Siemens", "Siemensâ€™"))
    assert [c.after for c in result.changes] == ["’"]
    assert '<html lang="ar" dir="rtl">' in result.text
    assert "<title>الطاقة الشمسية في الخليج</title>" in result.text  # not the <h1>
    assert "Siemens’" in result.text


def test_lang_of_a_paragraph_is_not_repeated_on_its_text():
    result = clean('<p lang="en">Alibabaâ€™s cloud unit grew.</p><video src="https://ads.example/x.mp4"></video>')
    assert result.text == '<p lang="en">Alibaba’s cloud unit grew.</p>\n'  # rebuilt: the video had to go


@pytest.mark.parametrize(
    "hostile, gone",
    [
        ('<p onclick="steal()">Plain words.</p>', "onclick"),
        ('<p style="background:url(javascript:steal())">Plain words.</p>', "style"),
        ('<p>Plain <a href="java&#x09;script:steal()">words</a>.</p>', "script:"),
        ('<p>Plain words.</p><!--[if IE]><script>steal()</script><![endif]-->', "steal"),
        ('<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/"></head>'
         "<body><p>Plain words.</p></body></html>", "refresh"),
        ('<p>Plain words.</p><svg><a href="javascript:steal()"><text>x</text></a></svg>', "svg"),
        ('<p>Plain <a href="https://example.org/" target="_blank">words</a>.</p>', "target"),
        ('<head><link rel="stylesheet" href="https://evil.example/x.css"></head><p>Plain words.</p>', "evil"),
        ('<p>Plain words.</p><img src="/a.jpg" alt="" srcset="javascript:steal() 2x">', "javascript"),
    ],
)
def test_unsafe_markup_is_never_passed_through(hostile, gone):
    result = clean(hostile)
    assert gone not in result.text and "Plain" in result.text


def test_link_the_parser_reopened_does_not_swallow_the_next_paragraphs():
    # an <a> that never closed: HTML5 parsing reopens it around the next paragraphs
    html = ('<p>See the <a href="https://x.example/p">list of posts.</p>\n<p>Next paragraph text here.</p>\n'
            "<p>The cafÃ© opened.</p>\n")
    assert clean(html).text == (
        '<p>See the <a href="https://x.example/p">list of posts.</a></p>\n<p>Next paragraph text here.</p>\n'
        "<p>The café opened.</p>\n"
    )


def test_a_link_around_a_card_links_each_of_its_blocks():
    html = ('<a href="/story/1"><h2>Port reopens</h2><p>Ships are moving again.</p></a>\n<p>More cafÃ© news.</p>\n'
            '<video src="https://ads.example/x.mp4"></video>')  # unsafe: the page is rebuilt
    assert clean(html, input_format="html").text == (
        '<h2><a href="/story/1">Port reopens</a></h2>\n<p><a href="/story/1">Ships are moving again.</a></p>\n'
        "<p>More café news.</p>\n"
    )


def test_adjacent_form_controls_keep_their_words_apart():
    html = '<div><button>Accept all</button><button>Manage settings</button></div><form><label>Name</label><input><label>Email</label></form>'
    assert clean(html, lang="en").text == "<p>Accept all Manage settings</p>\n<p>Name Email</p>\n"


def test_button_and_form_text_is_kept():
    # their words were dropped with the element, unreported
    html = '<p>Try <button>cheese</button> pairings.</p><form>Inline form text.</form>'
    assert clean(html, input_format="html").text == "<p>Try cheese pairings.</p>\n<p>Inline form text.</p>\n"


def test_reopened_link_does_not_take_over_the_next_paragraphs_link_tail():
    # the parser reopens the never-closed <a> at the start of the next paragraph, whose own
    # link survives only as a slug tail: it must keep its own URL
    html = ('<p>Read <a href="https://a.example/x">our analysis.</p>\n'
            '<p>https://b.example/interview">Interview</a> with a craftsman.</p>\n')
    result = clean(html)
    assert '<a href="https://b.example/interview">Interview</a> with a craftsman.' in result.text
    assert "a.example/x\">Interview" not in result.text and result.text.count("https://a.example/x") == 1


def test_rebuilt_table_keeps_its_caption_and_merged_cells():
    html = ("<table><caption>Rents by city</caption><tr><th>City</th><th>Rent</th></tr>"
            "<tr><td>Bonn</td><td>12</td></tr></table>\n"
            '<table><tr><th>A</th><th>B</th><th>C</th></tr><tr><td colspan="2">Total</td><td>42.0</td></tr></table>\n'
            "<p>The cafÃ© pays more.</p>\n<video src=\"https://ads.example/x.mp4\"></video>")
    out = clean(html, input_format="html").text
    assert "<p>Rents by city</p>\n<table>" in out
    assert '<td colspan="2">Total</td><td>42.0</td>' in out


def test_acronym_definition_term_is_no_heading():
    html = "<dl><dt>Rent cap</dt><dd>A legal limit on rent rises.</dd><dt>NATO</dt><dd>A military alliance.</dd></dl>\n"
    result = clean(html, input_format="html", lang="en")
    assert result.changes == [] and result.text == html


def test_link_reopened_around_a_quote_does_not_link_the_paragraph_after_it():
    html = ('<p>Read <a href="/prog">the full programme.</p>\n<blockquote><p>Thank you Lyon!</p></blockquote>\n'
            "<p>Tickets remain on sale.</a> Box office open daily.</p>\n<p>CafÃ© open.</p>\n")
    out = clean(html, input_format="html").text
    assert out.count('href="/prog"') == 1 and "<p>Tickets remain on sale. Box office open daily.</p>" in out


def test_noscript_and_template_blocks_stay_out():
    html = "<p>Hello cafÃ©.</p><noscript><p>Please enable JavaScript.</p></noscript><template><p>x</p></template>\n"
    assert clean(html, input_format="html").text == "<p>Hello café.</p>\n"


@pytest.mark.parametrize(
    "html, removed",
    [
        ("<p>Hello <svg><title>Courier logo</title></svg> world</p>\n", "<svg><title>Courier logo</title></svg>"),
        ("<p>Hi</p><noscript><p>Enable JavaScript please</p></noscript>\n",
         "<noscript><p>Enable JavaScript please</p></noscript>"),
    ],
)
def test_words_in_unpublished_elements_are_recorded_removals(html, removed):
    result = clean(html, input_format="html")
    assert [(c.filter, c.action, c.before) for c in result.changes] == [("sanitize", "removed", removed)]
    assert html[result.changes[0].start : result.changes[0].end] == removed


def test_a_never_closed_noscript_swallowing_the_page_is_recorded():
    html = "<p>Hi</p><noscript><p>Enable JS</p>\n<p>Body text</p>"
    (change,) = clean(html, input_format="html").changes
    assert (change.action, change.before) == ("removed", html[9:])


WORDPRESS = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ferry fares rise again</title>
<link rel="canonical" href="https://harbour-news.example/2026/11/ferry-fares/">
</head>
<body>
<!-- wp:paragraph -->
<p itemprop="articleBody">Fares on the <abbr title="Northern Isles Ferry Company">NIFC</abbr> route rose 10<sup>3</sup>-fold
since 1952: a return ticket cost <del>£0.12</del> then and costs <ins>£120</ins> from <time datetime="2027-01-05">5 January</time>.</p>
<!-- /wp:paragraph -->
<figure class="wp-block-image"><img src="/uploads/ferry.jpg" alt="The ferry at Lerwick" loading="lazy" width="800" height="533"
 srcset="/uploads/ferry-300.jpg 300w, /uploads/ferry.jpg 800w" sizes="(max-width: 800px) 100vw, 800px"><figcaption>The ferry at Lerwick.</figcaption></figure>
<p>The captain called it <q>the last affordable crossing</q>; CO<sub>2</sub> rules raised costs. Autumn tours to see <span lang="ja"><ruby>紅葉<rt>もみじ</rt></ruby></span> were cut.</p>
</body>
</html>
"""


def test_clean_cms_page_with_comments_microdata_and_responsive_images_is_published_byte_for_byte():
    result = clean(WORDPRESS)
    assert result.changes == [] and result.text == WORDPRESS


def test_rebuilt_page_keeps_the_meaning_of_inline_markup():
    damaged = WORDPRESS.replace("Fares on", "Faresâ€™ on").replace("</body>", '<video src="https://ads.example/x.mp4"></video></body>')
    html = clean(damaged).text
    for kept in ('10<sup>3</sup>-fold', '<del>£0.12</del>', '<ins>£120</ins>', '<time datetime="2027-01-05">5 January</time>',
                 '<abbr title="Northern Isles Ferry Company">NIFC</abbr>', '<q>the last affordable crossing</q>',
                 'CO<sub>2</sub>', '<ruby><span lang="ja">紅葉</span><rt><span lang="ja">もみじ</span></rt></ruby>',
                 'width="800" height="533"'):
        assert kept in html
    markdown = clean(damaged, to="markdown").text
    assert "rose 10<sup>3</sup>-fold" in markdown and "<q>the last affordable crossing</q>" in markdown
    assert clean(markdown).changes == []  # the inline HTML reads back as it was written
    text = clean(damaged, to="text").text
    assert "called it “the last affordable crossing”;" in text


def test_rebuilt_table_without_header_row_gets_none_invented():
    html = clean("<p>Hours at the Lerwick officeâ€™s desk:</p><table><tr><td>Mon</td><td>Closed</td></tr>"
                 "<tr><td>Tue</td><td>9-5</td></tr></table>").text
    assert "<th>" not in html and "<tr><td>Mon</td><td>Closed</td></tr>" in html


def test_layout_tables_are_read_as_the_blocks_in_their_cells_once():
    newsletter = ('<table role="presentation"><tr><td><table><tr><td><h2>Farm news</h2><p>Hi friendsâ€™,</p>'
                  "<p>Pick-up is Thursday.</p></td></tr></table></td></tr>"
                  "<tr><td><p>See you at the barn.</p></td></tr></table><video src=\"https://ads.example/x.mp4\"></video>")
    result = clean(newsletter)  # the iframe has to go: the page is rebuilt
    assert "<h2>Farm news</h2>\n<p>Hi friends’,</p>\n<p>Pick-up is Thursday.</p>\n<p>See you at the barn.</p>" in result.text
    assert result.text.count("Pick-up") == 1 and "<table" not in result.text


def test_rebuilt_page_keeps_figures_definition_lists_disclosures_and_countdowns():
    page = ("<h1>Classifica</h1><p>Il cafÃ© è chiuso.</p>"
            '<figure><img src="/a.jpg" alt="Lo stadio"><figcaption>Lo stadio di San Siro.</figcaption></figure>'
            '<ol reversed type="I"><li>terzo</li><li>secondo</li><li>primo</li></ol>'
            "<dl><dt>Nato</dt><dd>1937, Asti</dd></dl>"
            "<details><summary>Spoiler</summary><p>Vince il Milan.</p></details><video src=\"https://ads.example/x.mp4\"></video>")
    html = clean(page).text
    assert '<figure>\n<img src="/a.jpg" alt="Lo stadio">\n<figcaption>Lo stadio di San Siro.</figcaption>\n</figure>' in html
    assert '<ol reversed="" type="I">' in html
    assert "<dl>\n<dt>Nato</dt>\n<dd>\n<p>1937, Asti</p>\n</dd>\n</dl>" in html
    assert "<details>\n<summary>Spoiler</summary>\n<p>Vince il Milan.</p>\n</details>" in html
    assert clean(html).changes == []
    markdown = clean(page, to="markdown").text
    assert "Lo stadio di San Siro.\n\n" in markdown and "Spoiler\n\nVince il Milan." in markdown


def test_a_text_fix_replaces_only_that_text_in_the_page():
    page = ('<html><head><link rel="canonical" href="https://news.example.com/a/1"><meta name="description" '
            'content="Desc"></head><body><article><p>Press <kbd>Ctrl</kbd>+<kbd>S</kbd>, see <cite>Nature</cite> '
            'and the cafÃ© &amp; bar.</p><aside dir="rtl"><p>Related</p></aside></article></body></html>\n')
    result = clean(page)
    assert result.text == page.replace("cafÃ©", "café")  # head, wrappers, kbd, cite, entities: byte for byte
    assert [(c.before, c.after) for c in result.changes] == [("Ã©", "é")]
    assert clean(result.text).changes == []


def test_a_changed_link_still_rebuilds_the_page():
    result = clean('<p>See <a href="/about">about us</a> and the cafÃ©.</p>', base_url="https://ex.example/")
    assert '<a href="https://ex.example/about">about us</a>' in result.text


def test_video_and_audio_are_recorded_when_dropped():
    html = ('<p>Watch the clip:</p><video src="/media/launch.mp4" controls></video>'
            '<p>And listen:</p><audio src="/a.mp3" controls>Your browser cannot play it.</audio>\n')
    result = clean(html, lang="en")
    assert result.text == "<p>Watch the clip:</p>\n<p>And listen:</p>\n"
    assert [(c.action, c.before) for c in result.changes] == [
        ("removed", '<video src="/media/launch.mp4" controls></video>'),
        ("removed", '<audio src="/a.mp3" controls>Your browser cannot play it.</audio>'),
    ]


def test_layout_cells_keep_their_order_and_a_data_table_with_a_list_stays_a_table():
    columns = ('<table style="width:600px"><tr><td><h2>Tomatoes</h2><p>Sow indoors now.</p></td>'
               "<td><h2>Sweet peas</h2><p>Pinch out the tips.</p></td></tr></table>")
    assert clean(columns, to="markdown").text == "## Tomatoes\n\nSow indoors now.\n\n## Sweet peas\n\nPinch out the tips.\n"
    pricing = ('<table style="width:100%"><tr><th>Plan</th><th>Includes</th></tr><tr><td>Basic</td>'
               "<td><ul><li>1 user</li><li>5 GB</li></ul></td></tr><tr><td>Pro</td><td>10 users</td></tr></table>")
    assert clean(pricing, to="markdown").text == (
        "<table><tbody><tr><th>Plan</th><th>Includes</th></tr><tr><td>Basic</td><td><ul><li>1 user</li>"
        "<li>5 GB</li></ul></td></tr><tr><td>Pro</td><td>10 users</td></tr></tbody></table>\n")


def test_a_void_embed_is_recorded_as_its_tag_only_and_body_dir_survives_a_rebuild():
    html = '<p>Intro text here.</p><embed src="x.swf"><p>The cafÃ© is open daily.</p><p>Closing words.</p>'
    result = clean(html, lang="en")
    assert [(c.action, c.before) for c in result.changes] == [("removed", '<embed src="x.swf">'), ("repaired", "Ã©")]
    for c in result.changes:
        assert html[c.start : c.end] == c.before
    page = ('<html lang="he"><head><title>חדשות</title></head><body dir="rtl"><p>'
            "העירייה הודיעה היום על פתיחת גן ציבורי חדש במרכז העיר.</p><video src='https://ads.example/x.mp4'></video></body></html>")
    assert '<html lang="he" dir="rtl">' in clean(page).text


def test_rebuilt_page_applies_its_base_to_images_and_keeps_its_canonical_url():
    page = ('<html><head><base href="https://cdn.example/site/"><link rel="canonical" href="https://news.example/a">'
            '<title>Sale</title></head><body><p>See the list at the cafÃ©.</p><p><img src="img/poster.jpg" '
            'alt="Sale poster"></p><video src="https://ads.example/x.mp4"></video></body></html>')
    out = clean(page).text
    assert "<base" not in out  # a <base> would redirect every relative URL: it is applied, not kept
    assert '<img src="https://cdn.example/site/img/poster.jpg" alt="Sale poster">' in out
    assert '<link rel="canonical" href="https://news.example/a">' in out and "<video" not in out


def test_mojibake_in_the_page_title_is_repaired_with_the_body():
    page = "<html><head><title>The vicarâ€™s garden</title></head><body><p>The vicarâ€™s garden opens.</p></body></html>\n"
    result = clean(page)
    assert result.text == page.replace("â€™", "’")
    assert result.metadata["title"] == "The vicar’s garden"
    assert [page[c.start : c.end] for c in result.changes] == ["â€™", "â€™"]


@pytest.mark.parametrize("page, out", [
    ('<p>Hello\u200bworld.</p><a f="><script>alert(1)</script>', "<p>Helloworld.</p>\n"),
    ('\u202e.<a f="><script>', "<p>.</p>\n"),
])
def test_markup_the_sanitizer_removed_is_never_spliced_back(page, out):
    # the parser drops a tag left open at the end of the page (the <script> inside it with it),
    # so the tree looks safe; the sanitizer removed it: the page is rebuilt, never spliced
    result = clean(page, input_format="html")
    assert result.text == out and "<script" not in result.text
    assert any(c.filter == "sanitize" and c.action == "removed" for c in result.changes)
    assert clean(result.text, input_format="html").text == out


def test_a_rebuilt_fragment_keeps_its_wrappers_language_and_direction():
    # the <video> makes the fragment rebuilt; its wrapper's lang and dir are the page's, not a
    # <span lang> around every run of text, and a span in another language stays marked
    fragment = ('<div dir="rtl" lang="ar">\n<p>افتتحت البلدية مكتبة جديدة في وسط المدينة.</p><video src="https://ads.example/x.mp4"></video>\n'
                '<p>شبكة <span lang="en">Wi-Fi</span> مجانية للزوار.</p>\n</div>\n')
    result = clean(fragment)
    assert result.text == ('<div lang="ar" dir="rtl">\n<p>افتتحت البلدية مكتبة جديدة في وسط المدينة.</p>\n'
                           '<p>شبكة <span lang="en">Wi-Fi</span> مجانية للزوار.</p>\n</div>\n')
    assert result.metadata["lang_attribute"] == "ar" and result.metadata["dir_attribute"] == "rtl"
    assert clean(result.text).text == result.text


def test_a_wrapper_in_another_language_than_the_page_stays_a_mark():
    page = ('<html lang="en"><body><div lang="ar"><p>نص عربي قصير عن المترو في دبي.</p>'
            '<video src="https://ads.example/x.mp4"></video></div></body></html>')
    assert "<p><span lang=\"ar\">نص عربي قصير عن المترو في دبي.</span></p>" in clean(page).text


def test_right_to_left_text_written_as_html_says_so():
    text = "افتتاح محطة جديدة\n\nهذا نص عربي طويل بما يكفي ليكون فقرة كاملة، ويتحدث عن افتتاح محطة جديدة للمترو.\n"
    result = clean(text, to="html")
    assert result.text.startswith('<div lang="ar" dir="rtl">\n<h1>') and result.text.endswith("</p>\n</div>\n")
    assert clean(result.text).text == result.text


def _spliced_ok(page: str, cut: list[str]) -> str:
    result = clean(page)
    removed = [c.before for c in result.changes if c.filter == "sanitize"]
    assert removed == cut
    for c in result.changes:
        assert page[c.start : c.end] == c.before
    out = page
    for before in cut:
        out = out.replace(before, "", 1)
    again = clean(result.text)
    assert again.text == result.text and not [c for c in again.changes if c.action != "flagged"]
    return out if result.text == out else result.text


def test_a_clean_blogger_page_loses_only_its_inline_styles_each_recorded():
    page = ('<html lang="ja"><head><meta charset="utf-8"><title>京都の紅葉</title></head><body>\n'
            '<div class="post-body"><h1>京都の紅葉</h1>\n'
            '<div class="separator" style="clear: both; text-align: center;"><a href="https://example.jp/k.jpg" '
            'style="margin-left: 1em;"><img border="0" src="https://example.jp/k.jpg" alt="紅葉" width="400"></a></div>\n'
            '<p>今年の紅葉は例年より一週間ほど遅れています。</p>\n</div>\n</body></html>\n')
    cut = [' style="clear: both; text-align: center;"', ' style="margin-left: 1em;"', ' border="0"']
    assert clean(page).text == _spliced_ok(page, cut)
    assert '<div class="post-body">' in clean(page).text  # the wrapper stays


def test_a_substack_post_loses_its_script_and_handler_and_keeps_its_wrappers():
    page = ('<div class="available-content"><div class="body markup" dir="auto">\n'
            '<p>Vendo pan de masa madre en el <a href="https://mercaderussafa.es/" onclick="trackOutbound(this)">'
            'Mercado de Russafa</a>.</p>\n<script async src="https://substack-analytics.net/pixel.js"></script>\n</div></div>')
    cut = [' onclick="trackOutbound(this)"', '<script async src="https://substack-analytics.net/pixel.js"></script>']
    assert clean(page).text == _spliced_ok(page, cut)


def test_a_newsletter_and_an_amp_page_are_spliced_not_rebuilt():
    page = ('<!doctype html><html amp lang="pt"><head><meta charset="utf-8"><title>Boletim</title>'
            '<style amp-custom>h1{color:red}</style></head><body style="margin:0">\n'
            '<table width="100%" cellpadding="0"><tr><td style="padding:24px"><h1>Boletim de março</h1>\n'
            '<p>Abrimos uma nova loja em Braga.</p></td></tr></table>\n</body></html>\n')
    cut = [' amp', '<style amp-custom>h1{color:red}</style>', ' style="margin:0"', ' width="100%"',
           ' cellpadding="0"', ' style="padding:24px"']
    out = clean(page).text
    assert out == _spliced_ok(page, cut) and "<table>" in out


def test_a_relevelled_heading_is_renamed_in_place():
    page = ('<article class="h-entry">\n<h1 class="p-name">台南老屋改建咖啡館的第十年</h1>\n'
            '<section data-field="body" class="e-content">\n<p>十年前，我們在台南中西區租下一間老屋。</p>\n'
            '<h3 class="graf graf--h3">我們學到的事</h3>\n<p>木造結構每年都要防白蟻。</p>\n</section>\n</article>\n')
    result = clean(page)
    assert result.text == page.replace("<h3 class", "<h2 class").replace("</h3>", "</h2>")
    assert [(c.filter, c.before) for c in result.changes] == [("structure", '<h3 class="graf graf--h3">我們學到的事</h3>')]
    assert clean(result.text).text == result.text


@pytest.mark.parametrize("page", [
    '<p style="color:red" onclick="steal()">Texte propre.</p><a href="javascript:steal()">x</a>',
    '<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/"></head><body><p style="x">Hallo.</p></body></html>',
    '<p style="x">Plain.</p><style>body{background:url(javascript:steal())}</style><noscript><img src=x onerror=steal()></noscript>',
    '<p style="x">Plain.</p><a title="<script>steal()</script>" href="https://ok.example/">ok</a>',
    '<p style="x">Plain.</p><p title=\'"><script>steal()</script>\'>x</p>',
    '<p style="x" style="y" onmouseover=steal() >Plain.</p><img src="data:text/html,<script>steal()</script>" alt="">',
    '<p style="a>b" onclick="steal()">Plain.</p><object data="x.swf"></object>',
])
def test_a_splice_never_keeps_active_markup(page):
    result = clean(page)
    from selectolax.lexbor import LexborHTMLParser

    for node in LexborHTMLParser(result.text).root.traverse(include_text=False):
        assert node.tag not in ("script", "style", "iframe", "object", "embed", "noscript")
        for name, value in node.attributes.items():
            assert not name.startswith("on") and name not in ("style", "http-equiv")
            assert "javascript:" not in (value or "").lower() or name == "title"
    for c in result.changes:
        assert page[c.start : c.end] == c.before
    assert clean(result.text).text == result.text
