"""HTML articles as CMS exports deliver them (WordPress, Drupal, Joomla, Ghost, Medium, Blogger,
AMP, newsletters, pasted rich-text fragments): regressions from the CMS-export QA round."""

from cleanup import clean


def test_mojibake_in_an_image_alt_is_repaired_in_place_with_its_position():
    page = (
        '<article>\n<h1>Hallenbad</h1>\n'
        '<p><img src="https://goettingen-baeder.de/a.jpg" alt="Au&szlig;en &amp; Innen: Ã–ffnung"></p>\n'
        "<p>Das Bad öffnet im Herbst.</p>\n</article>\n"
    )
    result = clean(page)
    # only the mojibake is replaced; the alt's own character references stay as written
    assert result.text == page.replace("Ã–", "Ö")
    assert [(c.filter, c.before, c.after, page[c.start : c.end]) for c in result.changes] == [
        ("encoding", "Ã–", "Ö", "Ã–")
    ]
    assert clean(result.text).changes == []


def test_mojibake_in_alt_on_a_rebuilt_page_and_in_single_quoted_and_bare_alts():
    page = (
        "<div><h2>Проект</h2><p><img src='https://nsk-novosti.ru/most.jpg' alt='РџСЂРѕРµРєС‚ РјРѕСЃС‚Р°' "
        "onerror=\"alert(1)\"> и <img alt=GrÃ¶ÃŸe src=https://nsk-novosti.ru/x.jpg></p>"
        "<video src=\"https://nsk-novosti.ru/v.mp4\"></video></div>"  # a video: the page is rebuilt
    )
    result = clean(page)
    assert result.text == (
        "<h2>Проект</h2>\n<p>"
        '<img src="https://nsk-novosti.ru/most.jpg" alt="Проект моста"> и '
        '<img src="https://nsk-novosti.ru/x.jpg" alt="Größe"></p>\n'
    )
    for c in result.changes:
        if c.filter == "encoding":
            assert page[c.start : c.end] == c.before
    assert sorted(c.after for c in result.changes if c.filter == "encoding") == ["öß", "Проект моста"]


def test_cms_spacer_paragraphs_do_not_hide_a_bold_title_until_the_second_run():
    # a rich-text field pasted from a CMS: <p>&nbsp;</p> spacers between the blocks; the writer
    # drops them, so the reader must not let them decide what the bold first line is
    page = (
        "<p><b>Town hall approves new library budget</b></p>\n<p>&nbsp;</p>\n"
        "<p>The council voted 7–2 on Tuesday to approve the budget.<br>Construction starts in March.</p>\n"
        "<p>&nbsp;</p>\n<p><b>What the library will offer</b></p>\n"
        "<p>A children’s floor, a makerspace and twelve study rooms.</p>\n"
    )
    result = clean(page)
    assert result.text == (
        "<h1>Town hall approves new library budget</h1>\n"
        "<p>The council voted 7–2 on Tuesday to approve the budget.<br>Construction starts in March.</p>\n"
        "<h2>What the library will offer</h2>\n"
        "<p>A children’s floor, a makerspace and twelve study rooms.</p>\n"
    )
    assert [c.after for c in result.changes] == ["# Town hall approves new library budget", "## What the library will offer"]
    again = clean(result.text)
    assert again.text == result.text and again.changes == []


def test_amp_images_are_kept_and_amp_embeds_are_recorded_removals():
    page = (
        '<!doctype html>\n<html amp lang="es">\n<head>\n<meta charset="utf-8">\n<title>Toldos en Sevilla</title>\n'
        '<script async src="https://cdn.ampproject.org/v0.js"></script>\n</head>\n<body>\n'
        "<h1>Toldos en Sevilla</h1>\n"
        '<amp-img src="https://diariodelsur-noticias.es/img/sierpes.jpg" width="1200" height="800" layout="responsive" '
        'alt="Toldos en la calle Sierpes"></amp-img>\n'
        "<p>El Ayuntamiento instalará toldos en cien calles del centro antes de julio.</p>\n"
        '<amp-iframe width="600" height="400" sandbox="allow-scripts" src="https://encuestas-sevilla.es/toldos">'
        "<div placeholder>Cargando la encuesta</div></amp-iframe>\n</body>\n</html>\n"
    )
    result = clean(page)
    assert '<img src="https://diariodelsur-noticias.es/img/sierpes.jpg" alt="Toldos en la calle Sierpes" width="1200" height="800">' in result.text
    assert "amp-" not in result.text and "Cargando" not in result.text and "<script" not in result.text
    removed = [page[c.start : c.end][:12] for c in result.changes if c.action == "removed"]
    assert removed == ["<script asyn", "<amp-iframe "]
    assert clean(result.text).text == result.text
