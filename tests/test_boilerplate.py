"""boilerplate filter: attribution footers into metadata (keep/remove/off), cruft."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from cleanup import clean
from cleanup.filters.boilerplate import BoilerplateFilter, classify_line
from cleanup.filters.encoding import EncodingFilter
from cleanup.filters.structure import StructureFilter
from cleanup.pipeline import Pipeline

SEED_PATH = Path(__file__).resolve().parents[2] / "shared/seeds/000_f4947564c44a895a.txt"
SEED_META = {
    "source": "GogoAI News (www.gogoai.xin)",
    "original_url": "https://www.gogoai.xin/article/alibaba-debunked-no-deepseek-investment-deal",
    "credit": "Please credit GogoAI when republishing.",
}
BODY = "The committee met on Tuesday and approved the budget after a long debate about the new rail line."


def run(text: str, *, lang: str = "en", input_format: str = "auto", **options):
    pipeline = Pipeline([EncodingFilter(), BoilerplateFilter(**options), StructureFilter()])
    return clean(text, pipeline=pipeline, lang=lang, input_format=input_format)


def footer_meta(result) -> dict:
    return {k: v for k, v in result.metadata.items() if k in ("source", "original_url", "credit")}


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


def test_seed_footer_kept_after_a_rule(seed):
    result = run(seed)
    assert footer_meta(result) == SEED_META
    assert result.text.endswith(
        "- Open Source Growth: Community-driven projects will gain prominence as alternatives to closed systems.\n\n"
        "---\n\n"
        "Source: GogoAI News (www.gogoai.xin)\n\n"
        "Original: https://www.gogoai.xin/article/alibaba-debunked-no-deepseek-investment-deal\n\n"
        "Please credit GogoAI when republishing.\n"
    )
    changes = [(c.action, c.before, c.after) for c in result.changes if c.filter == "boilerplate"]
    assert changes == [
        ("normalized", "", "---"),
        ("normalized", "📌 Source: GogoAI News (www.gogoai.xin)", "Source: GogoAI News (www.gogoai.xin)"),
        (
            "normalized",
            "🔗 Original: https://www.gogoai.xin/article/alibaba-debunked-no-deepseek-investment-deal",
            "Original: https://www.gogoai.xin/article/alibaba-debunked-no-deepseek-investment-deal",
        ),
        ("normalized", "⚠️ Please credit GogoAI when republishing.", "Please credit GogoAI when republishing."),
    ]
    for c in result.changes:
        assert seed[c.start : c.end] == c.before


def test_seed_footer_removed(seed):
    result = run(seed, footer="remove")
    assert footer_meta(result) == SEED_META
    assert result.text.endswith("as alternatives to closed systems.\n")
    assert "GogoAI" not in result.text
    removed = [(c.action, c.before, c.after) for c in result.changes if c.filter == "boilerplate"]
    assert removed == [
        ("removed", "📌 Source: GogoAI News (www.gogoai.xin)", None),
        ("removed", "🔗 Original: https://www.gogoai.xin/article/alibaba-debunked-no-deepseek-investment-deal", None),
        ("removed", "⚠️ Please credit GogoAI when republishing.", None),
    ]
    for c in result.changes:
        assert seed[c.start : c.end] == c.before


def test_seed_footer_off(seed):
    result = run(seed, footer="off")
    assert footer_meta(result) == {}
    assert [c for c in result.changes if c.filter == "boilerplate"] == []
    assert "📌 Source: GogoAI News (www.gogoai.xin)" in result.text


def test_config_footer_option_reaches_the_filter(seed):
    assert "GogoAI" not in clean(seed, footer="remove").text
    assert clean(seed, footer="remove").metadata["credit"] == SEED_META["credit"]


@pytest.mark.parametrize("mode", ["keep", "remove"])
def test_footer_is_idempotent(seed, mode):
    first = run(seed, footer=mode)
    second = run(first.text, footer=mode)
    assert second.changes == []
    assert second.text == first.text
    assert footer_meta(second) == (SEED_META if mode == "keep" else {})


@pytest.mark.parametrize(
    "footer, meta",
    [
        (
            "来源：汽车产业观察\n原文链接：https://auto.example.cn/news/1.html\n转载请注明出处。",
            {"source": "汽车产业观察", "original_url": "https://auto.example.cn/news/1.html", "credit": "转载请注明出处。"},
        ),
        (
            "Quelle: Verkehrsportal Nord\nOriginalartikel: https://vp.example.de/a/bahn",
            {"source": "Verkehrsportal Nord", "original_url": "https://vp.example.de/a/bahn"},
        ),
        (
            "Source : Le Journal des Mobilités\nLien original : https://mob.example.fr/velo",
            {"source": "Le Journal des Mobilités", "original_url": "https://mob.example.fr/velo"},
        ),
        ("Fuente: Cocina de Mercado\nCrédito: Foto de Ana Ruiz", {"source": "Cocina de Mercado", "credit": "Foto de Ana Ruiz"}),
        ("Источник: Городские новости\nПри перепечатке ссылка обязательна.",
         {"source": "Городские новости", "credit": "При перепечатке ссылка обязательна."}),
        ("出典：京都まちかどニュース", {"source": "京都まちかどニュース"}),
        ("資料來源：中央社", {"source": "中央社"}),
        ("Zdroj: ČTK\nOriginal: https://ct24.example.cz/a/1", {"source": "ČTK", "original_url": "https://ct24.example.cz/a/1"}),
        ("Sumber: Antara", {"source": "Antara"}),
        ("Translated by DeepL\nOriginal: https://news.example.cn/a/1",
         {"credit": "Translated by DeepL", "original_url": "https://news.example.cn/a/1"}),
        ("Übersetzt von Anna Weber", {"credit": "Übersetzt von Anna Weber"}),
        ("المصدر: رويترز", {"source": "رويترز"}),
        ("Originally published at https://blog.example.com/post/42.", {"original_url": "https://blog.example.com/post/42"}),
        ("资料来源：国家统计局", {"source": "国家统计局"}),
        ("📌 Via: Hacker Digest\n🔗 Original: <https://hd.example.com/p/42>.",
         {"source": "Hacker Digest", "original_url": "https://hd.example.com/p/42"}),
        ("Credit: Reuters", {"credit": "Reuters"}),
        ("© 2026 Example Media. All rights reserved.", {"credit": "© 2026 Example Media. All rights reserved."}),
        # labels of languages the corpus barely covered (Persian, Urdu, Bulgarian, Serbian Cyrillic, Nynorsk)
        ("منبع: خبرگزاری شهر", {"source": "خبرگزاری شهر"}),
        ("ماخذ: لاہور خبر", {"source": "لاہور خبر"}),
        ("Източник: Морски вести", {"source": "Морски вести"}),
        ("Извор: Танјуг", {"source": "Танјуг"}),
        ("Kjelde: NRK\nOriginalartikkel: https://nrk.example/a/1", {"source": "NRK", "original_url": "https://nrk.example/a/1"}),
        ("Lähde: Yle\nAlkuperäinen artikkeli: https://yle.example/a/1", {"source": "Yle", "original_url": "https://yle.example/a/1"}),
    ],
)
def test_footers_in_many_languages(footer, meta):
    text = "Title Of The Piece\n" + BODY + "\n" + footer + "\n"
    result = run(text)
    assert footer_meta(result) == meta
    assert result.text.split("\n---\n\n", 1)[0] == "# Title Of The Piece\n\n" + BODY + "\n"
    assert run(result.text).changes == []
    for c in result.changes:
        assert text[c.start : c.end] == c.before


def test_source_line_in_the_middle_is_body_text():
    text = "Chart Of The Week\n" + BODY + "\nSource: company filings\n" + BODY + "\n"
    result = run(text)
    assert footer_meta(result) == {}
    assert "\n\nSource: company filings\n\n" in result.text
    assert [c for c in result.changes if c.filter == "boilerplate"] == []


def test_original_label_without_url_is_not_lifted():
    assert classify_line("Original: the 1998 edition") is None
    assert classify_line("🔗 Original: https://x.example/a")[:2] == ("original_url", "https://x.example/a")


def test_markdown_footer_after_rule_is_already_clean():
    text = "# Title\n\nBody text.\n\n---\n\nSource: Example News\n\nOriginal: https://example.com/a\n"
    result = run(text)
    assert result.changes == []
    assert result.text == text
    assert footer_meta(result) == {"source": "Example News", "original_url": "https://example.com/a"}


def test_markdown_footer_with_emoji_in_one_paragraph():
    text = "# Title\n\nBody text.\n\n📌 Source: Example News\n🔗 Original: [link](https://example.com/a)\n"
    result = run(text)
    assert result.text == "# Title\n\nBody text.\n\n---\n\nSource: Example News\n\nOriginal: [link](https://example.com/a)\n"
    assert footer_meta(result) == {"source": "Example News", "original_url": "https://example.com/a"}
    assert run(result.text).changes == []


def test_html_footer():
    text = "<h1>Title</h1><p>Body text.</p><p>📌 Source: Example News</p>"
    result = run(text)
    # a page's footer is set apart by its own <p>: no rule is added (it would rebuild the page)
    assert result.text == "<h1>Title</h1>\n<p>Body text.</p>\n<p>Source: Example News</p>\n"
    assert footer_meta(result) == {"source": "Example News"}


def test_clean_html_footer_leaves_the_page_as_it_came():
    # a wrapper's dir and lang, and the page's own markup, survive a footer being lifted
    page = ('<div dir="rtl" lang="ar">\n<h1>دبي تفتتح محطة جديدة للمترو</h1>\n'
            "<p>افتتحت هيئة الطرق والمواصلات في دبي محطة جديدة على الخط الأحمر، ومن المتوقع أن تخدم آلاف الركاب.</p>\n"
            '<p>المصدر: <a href="https://www.wam.ae/ar/metro">وكالة الأنباء</a></p>\n</div>\n')
    result = clean(page)
    assert result.text == page and result.changes == []
    assert result.metadata["source"] == "وكالة الأنباء"


@pytest.mark.parametrize(
    "line",
    ["Share this article", "Subscribe to our newsletter", "Read more: Why rail costs keep rising", "Jetzt teilen",
     "Lire aussi : la réforme des retraites", "Читайте также: новости", "点击关注我们", "この記事をシェア",
     "Subscribe to our newsletter for weekly updates from the newsroom", "Follow us on Mastodon",
     "Subscribe to get the next issue in your inbox.", "Sign up now and never miss a story!",
     "Dela artikeln: Facebook | X | LinkedIn", "Jaa artikkeli", "Del artiklen", "Sdílet článek", "Поділитися",
     "بیشتر بخوانید: بودجه مترو", "مزید پڑھیں: نئے اسٹیشن",
     "Terima kasih kerana membaca! Kongsi artikel ini dengan rakan anda.", "Bagikan artikel ini"],
)
def test_cruft_is_flagged_or_removed(line):
    text = "Title Of The Piece\n" + BODY + "\n" + line + "\n" + BODY + "\n"
    flagged = run(text)
    (change,) = [c for c in flagged.changes if c.filter == "boilerplate"]
    assert (change.action, change.before, text[change.start : change.end]) == ("flagged", line, line)
    assert line in flagged.text
    removed = run(text, cruft="remove")
    (change,) = [c for c in removed.changes if c.filter == "boilerplate"]
    assert (change.action, change.before, change.after) == ("removed", line, None)
    assert line not in removed.text
    assert removed.text == "# Title Of The Piece\n\n" + BODY + "\n\n" + BODY + "\n"


def test_ordinary_lines_are_not_cruft_or_footer():
    for line in ["Sharing economy firms are struggling.", "Sources close to the company declined to comment.",
                 "Readers can subscribe for free, the paper said.", "Original research is expensive.",
                 # sentences that start like a call to action or a credit formula
                 "Compartir piso en Madrid cuesta ya 600 euros al mes.", "Teilen ist das neue Haben, sagt die Soziologin.",
                 "Read more slowly, the teacher says, and you will remember more.",
                 "Follow us, the protesters chanted outside the ministry.",
                 "Copyright law in the EU is changing fast, and publishers will have to adapt.",
                 "Other labs could not reproduce the results without access to the original source code.",
                 "Dela artikeln med en vän är inte samma sak som att läsa den, skriver hon.",
                 "Del artiklen handler om havnen, den anden om broen."]:
        assert classify_line(line) is None, line


def test_bad_option_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown footer mode 'drop'"):
        BoilerplateFilter(footer="drop")


def test_filter_pickles():
    flt = pickle.loads(pickle.dumps(BoilerplateFilter(footer="remove", cruft="remove")))
    assert (flt.options.footer, flt.options.cruft) == ("remove", "remove")


def test_footer_below_a_rule_and_another_short_line_is_left_alone():
    text = "# Title\n\nBody text.\n\n---\n\nA line another filter rewrote\n\nSource: Example News\n"
    result = run(text)
    assert result.changes == []
    assert footer_meta(result) == {"source": "Example News"}


@pytest.mark.parametrize(
    "opening, closing",
    [
        ("Sure! Here is the article:", "I hope this helps! Let me know if you would like any changes."),
        ("Gerne! Hier ist der Artikel:", "Ich hoffe, der Text hilft Ihnen weiter."),
        ("好的，以下是文章：", "希望这篇文章对你有帮助。"),
        ("好的，以下是您要的文章：", "希望这篇文章对您有帮助！如果需要修改，请随时告诉我。"),
        ("¡Claro! Aquí tienes el artículo:", "¡Espero que te sirva! Avísame si quieres cambios."),
        ("Ecco a voi l'articolo richiesto:", "Spero che questo articolo ti sia utile! Fammi sapere se vuoi modifiche."),
        ("Here is a rewritten version of your article:", "Let me know if you want a shorter version."),
        ("Aqui está o artigo:", "Espero que isto ajude! Me avise se quiser mudanças."),
        ("Voici l’article :", "J'espère que cela vous aidera."),
        ("Gerne! Hier ist der Artikel:", "Ich hoffe, das hilft! Sag Bescheid, wenn du Änderungen möchtest."),
        ("¡Claro! Aquí tienes el artículo:", "¿Quieres que adapte el artículo a otro formato?"),
    ],
)
def test_assistant_preamble_and_closing_offer_are_removed(opening, closing):
    body = "A short nap after lunch improves attention, researchers found.\n\nThey tested 120 office workers."
    text = f"{opening}\n\n---\n\n{body}\n\n{closing}\n"
    result = clean(text, lang="en", input_format="markdown")
    assert result.text == body + "\n"
    removed = [c.before for c in result.changes if c.action == "removed"]
    assert removed == [opening, "---", closing]
    assert clean(result.text, lang="en", input_format="markdown").changes == []


@pytest.mark.parametrize(
    "text",
    [
        "Here is the story of a town that refused to die.\n\nThe mill closed in 1994.\n",
        "Here is the article the council did not want you to read:\n\nThe mill closed in 1994.\n",
        "Great news! Here's our updated article on the festival:\n\nThe mill reopens in May.\n",
        "The mill closed in 1994.\n\nI hope this helps the town, the mayor said.\n",  # no preamble: an article's line
    ],
)
def test_article_lines_that_sound_like_an_assistant_are_kept(text):
    assert [c for c in clean(text, lang="en").changes if c.filter == "boilerplate"] == []


def test_reference_definitions_survive_a_rebuilt_markdown_document():
    # the footer rule made the writer render blocks afresh: definitions are no block and were lost
    text = "See the [docs][d] for details.\n\n[d]: https://example.com/docs\n\nOriginal: https://example.net/post\n"
    result = clean(text, lang="en", input_format="markdown")
    assert result.text == (
        "See the [docs][d] for details.\n\n[d]: https://example.com/docs\n\n---\n\nOriginal: https://example.net/post\n"
    )
    assert clean(result.text, lang="en", input_format="markdown").changes == []


def test_preamble_above_front_matter_goes_and_the_front_matter_stays_intact():
    text = "Sure! Here is the article:\n\n---\ntitle: Backups\n---\n\nBody cafÃ© text.\n"
    result = clean(text, lang="en", input_format="markdown")
    assert result.text == "---\ntitle: Backups\n---\n\nBody café text.\n"
    assert clean(result.text, lang="en", input_format="markdown").changes == []


def test_preamble_removal_still_sets_off_the_footer_in_one_run():
    text = "Sure! Here is the article:\n\n---\n\nBody.\n\nSource: https://a.example/x\n"
    result = clean(text, lang="en", input_format="markdown")
    assert result.text == "Body.\n\n---\n\nSource: https://a.example/x\n"
    assert clean(result.text, lang="en", input_format="markdown").changes == []


def test_front_matter_survives_a_rebuilt_document():
    text = "---\ntitle: Backups\nauthor: Sam\n---\n\nBody cafÃ© text.\n\nSource: Example Blog\n"
    result = clean(text, lang="en", input_format="markdown")
    assert result.text.startswith("---\ntitle: Backups\nauthor: Sam\n---\n\nBody café text.")
    assert clean(result.text, lang="en", input_format="markdown").changes == []


@pytest.mark.parametrize(
    "line, kind, value",
    [
        ("Originally published at The Conversation.", "source", "The Conversation"),
        ("This article first appeared on Grist.", "source", "Grist"),
        ("Dieser Artikel erschien zuerst bei Zeit Online.", "source", "Zeit Online"),
        ("Este artículo fue publicado originalmente en El Diario.", "source", "El Diario"),
        ("Dit artikel verscheen eerder in NRC.", "source", "NRC"),
        ("Cet article a d’abord été publié sur Le Progrès.", "source", "Le Progrès"),
        ("Dieser Artikel erschien zuerst auf https://zeit.example/a", "original_url", "https://zeit.example/a"),
        ("This article is republished from The Conversation under a Creative Commons license.", "credit_sentence",
         "This article is republished from The Conversation under a Creative Commons license."),
        ("Copyright 2025 The Conversation", "credit_sentence", "Copyright 2025 The Conversation"),
    ],
)
def test_first_published_and_republished_lines_are_footers(line, kind, value):
    assert classify_line(line)[:2] == (kind, value)


def test_a_sentence_about_first_publication_is_not_a_footer():
    assert classify_line("This story first appeared in The Guardian on Monday and was widely shared.") is None


@pytest.mark.parametrize(
    "footer, meta",
    [
        ("（本文来源：新华社）", {"source": "新华社"}),
        ("文章来源：澎湃新闻", {"source": "澎湃新闻"}),
        ("来源 | 新华社", {"source": "新华社"}),
        ("ⓒ 연합뉴스, 무단 전재 및 재배포 금지", {"credit": "ⓒ 연합뉴스, 무단 전재 및 재배포 금지"}),
    ],
)
def test_more_footer_forms_are_lifted(footer, meta):
    text = "北京市今天发布了新的交通规划，地铁网络将继续扩展到郊区。\n\n" + footer + "\n"
    result = clean(text, input_format="text")
    assert footer_meta(result) == meta
    assert footer.split("\n")[-1] in result.text  # kept, below a rule


def test_footer_above_a_closing_offer_is_lifted_in_one_run():
    text = ("Certainly! Here is the rewritten article:\n\nPhoenix has become the centre of chip making in the "
            "United States.\n\nSource: Desert Tech Journal\n\nOriginal: https://www.deserttech.example/a\n\n"
            "Let me know if you would like a shorter version!\n")
    result = clean(text, lang="en", input_format="markdown")
    assert footer_meta(result) == {"source": "Desert Tech Journal", "original_url": "https://www.deserttech.example/a"}
    assert result.text == ("Phoenix has become the centre of chip making in the United States.\n\n---\n\n"
                           "Source: Desert Tech Journal\n\nOriginal: https://www.deserttech.example/a\n")
    assert clean(result.text, lang="en", input_format="markdown").changes == []


def test_source_with_the_article_url_in_parentheses_gives_the_original_url():
    text = ("La consejera aseguró que las lluvias de primavera no han sido suficientes para los embalses.\n\n"
            "Fuente: Diario del Agua (https://www.diariodelagua.example/noticias/sequia)\n")
    assert footer_meta(clean(text, input_format="text")) == {
        "source": "Diario del Agua", "original_url": "https://www.diariodelagua.example/noticias/sequia"}


def test_korean_and_portuguese_original_labels_and_a_source_line_with_a_second_label():
    ko = ("서울시가 기후동행카드의 청소년 요금을 낮춘다고 3일 밝혔다.\n\n출처: 서울교통신문\n"
          "원문: https://seoul-transit.example.kr/news/climate-card-youth\n")
    assert footer_meta(clean(ko, input_format="text")) == {
        "source": "서울교통신문", "original_url": "https://seoul-transit.example.kr/news/climate-card-youth"}
    pt = ("O governo anunciou um pacote de R$ 2 bilhões para a reconstrução.\n\nFonte: Jornal do Sul\n\n"
          "Link original: https://jornaldosul.example.com.br/2026/03/chuvas\n")
    assert footer_meta(clean(pt, input_format="text")) == {
        "source": "Jornal do Sul", "original_url": "https://jornaldosul.example.com.br/2026/03/chuvas"}
    # "来源：X 原文链接：URL" on one line: the name is the source, the URL the original
    zh = ("Taiwan's chip exports reached a record in 2025, driven by demand for AI accelerators.\n"
          "来源：Taipei Business Wire 原文链接：https://tbw.example.com.tw/news/2026/chips\n")
    assert footer_meta(clean(zh, input_format="text")) == {
        "source": "Taipei Business Wire", "original_url": "https://tbw.example.com.tw/news/2026/chips"}


@pytest.mark.parametrize("closing", ["Espero que isso ajude! Se quiser, posso resumir o texto em tópicos.",
                                     "¡Espero que te sea útil! Si quieres, puedo hacer cambios."])
def test_a_closing_offer_if_you_want_in_spanish_and_portuguese_is_removed(closing):
    text = ("Claro! Aqui está o artigo reescrito:\n\nChuvas no Sul: governo anuncia ajuda\n\n"
            "O governo federal anunciou nesta segunda-feira um pacote para a reconstrução das cidades.\n\n"
            f"{closing}\n")
    result = clean(text, input_format="text")
    assert result.text == ("# Chuvas no Sul: governo anuncia ajuda\n\nO governo federal anunciou nesta "
                           "segunda-feira um pacote para a reconstrução das cidades.\n")
    assert [c.before for c in result.changes if c.action == "removed"][-1] == closing


@pytest.mark.parametrize(
    "footer, meta",
    [
        ("Källa: Svenska Energinyheter\nFoto: Anna Lindqvist",
         {"source": "Svenska Energinyheter", "credit": "Anna Lindqvist"}),
        ("Fonte: Corriere Fiorentino\nFoto: Marco Bianchi/ANSA\n© Riproduzione riservata",
         {"source": "Corriere Fiorentino", "credit": "Marco Bianchi/ANSA"}),
        ("출처: 한국경제신문\n사진: 연합뉴스", {"source": "한국경제신문", "credit": "연합뉴스"}),
    ],
)
def test_a_photo_credit_line_ends_a_footer(footer, meta):
    """A photo credit under the source line was no footer line, so it hid the whole footer."""
    result = run(f"Title line\n\n{BODY}\n\n{footer}\n")
    assert {k: result.metadata[k] for k in meta} == meta
    assert result.text.endswith("---\n\n" + footer.replace("\n", "\n\n") + "\n")


@pytest.mark.parametrize("footer", ["Photo: Anna Lindqvist", "Source: Harbour Daily\nPhoto: The harbour at dawn",
                                    "Source: Harbour Daily\nPhoto: Boats leave the harbour before the storm."])
def test_a_photo_line_that_may_be_a_caption_is_no_footer(footer):
    result = run(f"Title line\n\n{BODY}\n\n{footer}\n")
    assert "credit" not in result.metadata and "source" not in result.metadata
    assert "---" not in result.text


@pytest.mark.parametrize("line", ["延伸閱讀：港鐵去年盈利上升兩成", "Leggi anche: Il nuovo stadio di Firenze",
                                  "Baca juga: Pompa air rusak saat hujan deras", "Czytaj także: Nowa linia do Modlina",
                                  "관련기사: 반도체 투자 확대", "Lees ook: Huizenprijzen stijgen opnieuw"])
def test_read_also_lines_in_more_languages_are_cruft(line):
    assert classify_line(line)[0] == "cruft"


@pytest.mark.parametrize("line", ["Tłumaczenie: Katarzyna Nowak", "Переклад: Олена Коваль", "Çeviri: Ayşe Yılmaz",
                                  "翻譯：陳大文", "Vertaling: Eva de Vries"])
def test_translator_lines_in_more_languages_are_credits(line):
    assert classify_line(line)[0] == "credit_sentence"


def test_the_rule_right_under_a_preamble_goes_with_it():
    # plain text: the "---" is the next line of the preamble's paragraph; it would open the
    # article and keep its first line from being the title
    text = ("Claro, aquí tienes el artículo:\n---\nLa sequía obliga a Cataluña a limitar el riego\n"
            "El gobierno regional aprobó el martes nuevas restricciones al uso del agua para la agricultura. "
            "Los embalses siguen por debajo del 20 %.\nLos regantes piden ayudas directas.\n")
    result = clean(text)
    assert result.text == ("# La sequía obliga a Cataluña a limitar el riego\n\nEl gobierno regional aprobó el martes "
                           "nuevas restricciones al uso del agua para la agricultura. Los embalses siguen por debajo "
                           "del 20 %.\n\nLos regantes piden ayudas directas.\n")
    rule = [c for c in result.changes if c.before == "---"]
    assert len(rule) == 1 and rule[0].action == "removed" and text[rule[0].start : rule[0].end] == "---"
    assert clean(result.text).changes == []
    # Markdown: a rule block with no blank line under it, but no front matter either
    md = ("Sure! Here is the article:\n\n---\nCity council approves the new bus network\n\n"
          "The council voted on Tuesday to approve the redesigned network.\n")
    assert clean(md).text == ("City council approves the new bus network\n\n"
                              "The council voted on Tuesday to approve the redesigned network.\n")
    # front matter under a preamble stays front matter
    fm = ("Sure! Here is the post:\n\n---\ntitle: New bus network\ndate: 2026-03-01\n---\n\n"
          "The council voted on Tuesday to approve the redesigned network.\n")
    assert clean(fm).text == fm.split("\n\n", 1)[1]


def test_a_source_line_under_the_last_table_is_its_caption_not_the_footer():
    text = ("# Inflation eases across the euro area\n\nInflation in the euro area fell to 2.1 percent in October, "
            "the lowest level in three years.\n\n| Country | October | September |\n|---|---|---|\n"
            "| Germany | 2.0 | 2.3 |\n| France | 1.8 | 2.0 |\n\nSource: Eurostat\n")
    result = clean(text)
    assert result.text == text and result.changes == [] and "source" not in result.metadata
    # under a paragraph it is the article's footer, as before
    moved = clean(text.replace("| Country | October | September |\n|---|---|---|\n| Germany | 2.0 | 2.3 |\n"
                               "| France | 1.8 | 2.0 |\n\n", ""))
    assert moved.metadata["source"] == "Eurostat"


BODY_IT = ("Il Giro ha vissuto una giornata decisiva sulle Dolomiti, con il nuovo leader in maglia rosa.\n"
           "La corsa si chiuderà domenica a Roma dopo una cronometro e una tappa collinare.\n")


@pytest.mark.parametrize("tail", ["👉 Condividi questo articolo", "#giro #ciclismo #dolomiti"])
def test_footer_followed_by_a_share_or_hashtag_line_is_still_a_footer(tail):
    result = run(BODY_IT + "📌 Fonte: Corsa Rosa News\n" + tail + "\n", lang="it")
    assert result.metadata["source"] == "Corsa Rosa News"
    # the line keeps its place under the footer (it used to be put above the rule, in the body)
    assert result.text.endswith("---\n\nFonte: Corsa Rosa News\n\n" + tail + "\n")
    assert [c.before for c in result.changes if c.action == "flagged"] == [tail]


def test_turkish_original_label_is_a_footer_line():
    url = "https://ekonomigundem.example/haber/enflasyon-yavasladi"
    text = ("Yıllık enflasyon geçen ay beklentilerin altında gerçekleşti.\n"
            "Piyasalar ilk faiz indiriminin sonbaharda gelmesini bekliyor.\n"
            f"📌 Kaynak: Ekonomi Gündem\n🔗 Orijinal: {url}\n")
    result = run(text, lang="tr")
    assert result.metadata["source"] == "Ekonomi Gündem" and result.metadata["original_url"] == url
    assert classify_line("Orijinal makale: " + url)[0] == "original_url"


@pytest.mark.parametrize("line", ["#1 in the charts", "# Heading", "Condividere la casa costa sempre di più a Milano, dice lo studio"])
def test_not_cruft(line):
    assert classify_line(line) is None


@pytest.mark.parametrize("text, fmt, out", [
    ("Sure!Here is article\nSure!Here is article", "markdown", ""),
    ("Sure! Here is the article:\n\nSure! Here is the article.\n---\nBody text here.", "text", "Body text here.\n"),
])
def test_preamble_said_twice_is_removed_in_one_run(text, fmt, out):
    # the second preamble line is the first line once the first is gone (found by the property tests)
    first = clean(text, lang="en", input_format=fmt)
    assert first.text == out
    for c in first.changes:
        assert text[c.start : c.end] == c.before
    again = clean(first.text, lang="en", input_format=first.format)
    assert again.text == out and again.changes == []


@pytest.mark.parametrize("text, out", [
    ('><p>\n<p>Original:<a">http://w', '<p>&gt;</p>\n<p>Original:http://w</p>\n'),
    # nothing to change: the page comes back as it came
    ('<p>Body text.</p><p>\n<p>Original: http://w.example/a', '<p>Body text.</p><p>\n<p>Original: http://w.example/a'),
])
def test_footer_under_a_blank_html_paragraph_is_set_off_in_one_run(text, out):
    # the blank <p> is no image above a caption, and it is not written: a second run would
    # not see it (found by the property tests)
    first = clean(text, lang="en", input_format="html")
    assert first.text == out
    for c in first.changes:
        assert text[c.start : c.end] == c.before
    again = clean(first.text, lang="en", input_format=first.format)
    assert again.text == out and again.changes == []


def test_a_chinese_closing_offer_of_more_work_is_removed_after_a_preamble():
    text = ("好的，以下是您要的文章：\n\n# 午睡的好处\n\n很多人在中午感到疲倦，适当的午睡可以帮助恢复精力。\n\n"
            "希望这篇文章对您有帮助！如果需要，我可以再写一个英文版本。\n")
    result = clean(text, lang="zh-CN", input_format="markdown")
    assert result.text == "# 午睡的好处\n\n很多人在中午感到疲倦，适当的午睡可以帮助恢复精力。\n"
    assert [c.action for c in result.changes] == ["removed", "removed"]
