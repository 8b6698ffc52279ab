"""The chinese filter: variant consistency with OpenCC, one exact change per run."""

import json
import pickle
from pathlib import Path

import pytest

from cleanup import Pipeline, clean
from cleanup import chinese_convert as cc
from cleanup.filters.chinese import ChineseFilter, config_for_locale, variant_of_tag

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CHINESE_ARTICLES = sorted(
    p
    for pattern in ("zh-*.*", "ja-*.*")
    for p in CORPUS.glob(pattern)
    if p.suffix in (".txt", ".md", ".html")
    and ".expected." not in p.name
    and "chinese" in json.loads(p.with_suffix(".truth.json").read_text(encoding="utf-8"))
)


def run(text, lang=None, input_format=None, **options):
    kwargs = {"lang": lang} if lang else {}
    if input_format:
        kwargs["input_format"] = input_format
    result = clean(text, pipeline=Pipeline([ChineseFilter(**options)]), **kwargs)
    for change in result.changes:
        assert change.filter == "chinese"
        assert text[change.start : change.end] == change.before, change
    return result


def converted(result):
    return [(c.before, c.after) for c in result.changes if c.action == "converted"]


def flagged(result):
    return [(c.before, c.after) for c in result.changes if c.action == "flagged"]


# --- the corpus ------------------------------------------------------------------


@pytest.mark.parametrize("path", CHINESE_ARTICLES, ids=[p.name for p in CHINESE_ARTICLES])
def test_corpus_truth(path):
    text = path.read_text(encoding="utf-8")
    truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))["chinese"]
    result = run(text)
    assert [c.before for c in result.changes if c.action == "converted"] == truth["converted"]
    assert flagged(result) == []
    for change in result.changes:
        assert change.reason.startswith("opencc ")
    # a second pass finds nothing left to do
    again = run(result.text, lang=result.language)
    assert again.changes == [] and again.text == result.text


def test_simplified_article_with_traditional_leftovers():
    path = CORPUS / "zh-hans-ev-market.txt"
    text = path.read_text(encoding="utf-8")
    result = run(text)
    assert converted(result) == [
        ("認為", "认为"),
        ("價格戰", "价格战"),
        ("電動車", "电动车"),
        ("關閉", "关闭"),
        ("給", "给"),
        ("確", "确"),
    ]
    first = result.changes[0]
    assert (first.start, first.end) == (text.index("認為"), text.index("認為") + 2)
    assert first.reason == "opencc t2s" and first.lang == "zh-Hans"
    assert "認為" not in result.text and "业内人士认为，这一轮价格战" in result.text
    _simp, trad = cc.count_variants(result.text)
    assert trad == 0


def test_a_leftover_word_converts_whole_not_half():
    # 於 alone is also a Simplified character (a surname), but next to the leftover 對 it is
    # the second half of the Traditional word 對於: 对于, not a half-converted 对於
    text = ("上海发布新一轮人工智能产业扶持政策。根据措施，上海将设立人工智能产业投资基金。"
            "對於在沪设立研发中心的企业，最高可获得3000万元资金支持。这些措施对于中小企业非常重要。\n")
    result = run(text)
    assert converted(result) == [("對於", "对于")]
    assert "對於" not in result.text and "对於" not in result.text
    # a lone 於 with no leftover beside it is left as it is written
    assert "於" in run(text.replace("對於", "对於")).text


def test_taiwan_article_to_simplified():
    text = (CORPUS / "zh-hant-tw-ai-servers.md").read_text(encoding="utf-8")
    plain = run(text, chinese="t2s")
    assert cc.count_variants(plain.text)[1] == 0
    assert "软体" in plain.text  # t2s converts characters, not vocabulary
    mainland = run(text, chinese="tw2sp")
    assert "软件" in mainland.text and "网络架构" in mainland.text and "信息安全" in mainland.text
    assert all(c.reason == "opencc tw2sp" for c in mainland.changes)
    assert run(text, lang="zh-CN").text == plain.text  # the locale picks t2s


def test_simplified_to_taiwan_vocabulary():
    text = "我们的软件通过网络更新，信息安全由专人负责。\n"
    result = run(text, chinese="s2twp")
    assert result.text == "我們的軟體通過網路更新，資訊安全由專人負責。\n"
    assert result.text == cc.convert(text, "s2twp")  # nothing ambiguous here: same as OpenCC
    assert any("软件" in c.before and "軟體" in c.after for c in result.changes)
    assert run(text, lang="zh-TW").text == result.text  # zh-TW means s2twp


def test_length_changing_phrase_is_one_change():
    text = "我买了一个U盘和一个鼠标。\n"
    result = run(text, chinese="s2twp")
    assert result.text == cc.convert(text, "s2twp") == "我買了一個隨身碟和一個滑鼠。\n"
    (phrase,) = [c for c in result.changes if "U盘" in c.before]
    assert "隨身碟" in phrase.after and phrase.before == text[phrase.start : phrase.end]


def test_hong_kong_locale():
    text = "我们一起坐电车去铜锣湾，顺便看看那里的商店。\n"
    assert run(text, lang="zh-HK").text.startswith("我們一起坐電車去銅鑼灣")
    assert config_for_locale("zh-HK") == "s2hk" and config_for_locale("zh-Hant-HK") == "s2hk"
    assert config_for_locale("zh-Hant-TW") == "s2twp" and config_for_locale("zh-SG") == "t2s"
    assert config_for_locale("zh") is None and config_for_locale("en") is None


def test_hong_kong_article_keeps_its_standard():
    text = (CORPUS / "zh-hant-hk-tram-history.html").read_text(encoding="utf-8")
    result = run(text)
    assert converted(result) == [("网络", "網絡")]  # HK form 絡, reason names s2hk
    assert result.changes[0].reason == "opencc s2hk"
    assert "隨着" in result.text  # HK 着 is not "fixed" to Taiwan 著


def test_japanese_article_untouched():
    text = (CORPUS / "ja-kyoto-autumn.txt").read_text(encoding="utf-8")
    for options in ({}, {"chinese": "t2s"}, {"chinese": "s2twp"}):
        result = run(text, **options)
        assert result.changes == []
    # even when the caller says Chinese, Japanese paragraphs are left alone
    result = run(text, lang="zh-CN")
    assert result.changes == []


def test_japanese_words_inside_chinese_are_kept():
    text = "他最喜欢的饮料是午後の紅茶，這個牌子在日本很有名，很多人都喜欢喝，价格也便宜，超市里到处都能买到这个产品。\n"
    result = run(text)
    assert converted(result) == [("這個", "这个")]
    assert "午後の紅茶" in result.text


def test_code_is_never_converted():
    text = (CORPUS / "zh-hans-pour-over-coffee.md").read_text(encoding="utf-8")
    for config in ("t2s", "tw2sp", "s2twp"):
        result = run(text, chinese=config)
        assert "# 記錄沖煮參數：粉重、水量、時間" in result.text
        assert "`沖煮時間`" in result.text
        assert "https://example.com/coffee/brewing-guide" in result.text


def test_clean_article_is_byte_identical():
    text = (CORPUS / "zh-hans-pour-over-coffee.md").read_text(encoding="utf-8")
    result = run(text)
    assert result.changes == []
    assert result.text == text


def test_leftover_far_from_the_start_is_still_found():
    # the whole-input pre-check guesses the majority script from the first 20,000
    # characters: a leftover after them must still be converted
    consistent = cc.converter("t2s").convert((CORPUS / "zh-hans-ev-market.txt").read_text(encoding="utf-8"))
    text = consistent * (25_000 // len(consistent) + 1) + "最后，業內人士认为价格还会下降。\n"
    result = run(text)
    assert converted(result) == [("業內", "业内")]
    assert result.changes[0].start == text.index("業內") and result.text.endswith("最后，业内人士认为价格还会下降。\n")


def test_lang_marked_text_is_respected():
    html = (
        "<p>这篇文章介绍电动汽车市场的最新变化，消费者越来越关注续航和价格，厂商之间的竞争也越来越激烈。"
        "<span lang=\"zh-Hant\">這段引文保持繁體</span>，而这里的錯字要改。</p>\n"
    )
    result = run(html, input_format="html")
    assert converted(result) == [("錯", "错")]
    assert "這段引文保持繁體" in result.text


def test_urls_and_protected_terms():
    text = "访问 https://example.com/繁體/頁面 了解更多。我们在這裡等你，欢迎大家来参加活动，现场还有很多礼物。\n"
    result = run(text)
    assert converted(result) == [("這裡", "这里")]
    assert "https://example.com/繁體/頁面" in result.text
    kept = run("他們的軟體很好用，值得推荐。\n", chinese="t2s", protected_terms=("軟體",))
    assert "軟體" in kept.text and "他们" in kept.text


def test_ambiguous_single_character_is_flagged_not_guessed():
    text = "Whoo 后的新品在这里发布，之后头发护理系列也会上市。\n"
    result = run(text, chinese="s2twp")
    assert flagged(result) == [("后", "後")]
    flag = next(c for c in result.changes if c.action == "flagged")
    assert flag.start == text.index("后") and "ambiguous" in flag.reason and flag.reason.startswith("opencc s2twp")
    assert "Whoo 后" in result.text  # not silently turned into 後
    assert "之後" in result.text and "頭髮" in result.text  # phrases resolve the rest
    protected = run(text, chinese="s2twp", protected_terms=("Whoo 后",))
    assert flagged(protected) == [] and "Whoo 后" in protected.text


def test_non_chinese_document_is_a_no_op():
    assert run("Just an English article about tea.\n").changes == []
    assert run("An English article quoting 這個 once.\n", lang="en").changes == []


def test_mixed_or_tiny_documents_are_left_alone():
    assert run("這個和这个。\n").changes == []


def test_off_and_bad_option():
    assert run("这是一个測試，我们的软件很好用，价格便宜，功能齐全，用户很多。\n", chinese="off").changes == []
    with pytest.raises(ValueError, match="unknown chinese conversion"):
        ChineseFilter(chinese="s2x")


def test_variant_of_tag():
    assert variant_of_tag("zh-Hans-CN") == "hans" and variant_of_tag("zh-TW") == "hant"
    assert variant_of_tag("zh") == "zh" and variant_of_tag("ja") == "other" and variant_of_tag(None) is None


def test_pickle_round_trip():
    flt = ChineseFilter(chinese="s2twp", protected_terms=("Whoo 后",))
    text = "我们的软件很好用。\n"
    first = clean(text, pipeline=Pipeline([flt]))
    assert hasattr(flt, "_converters")
    copy = pickle.loads(pickle.dumps(flt))
    assert not hasattr(copy, "_converters")
    assert copy.options == flt.options
    assert clean(text, pipeline=Pipeline([copy])).text == first.text


def test_helpers_for_other_filters():
    assert cc.to_simplified("頭髮與軟體") == "头发与软体"
    assert cc.to_traditional("头发") == "頭髮"
    assert cc.convert("软件", "s2twp") == "軟體"
    assert cc.converter("s2t") is cc.converter("s2t")
    with pytest.raises(ValueError):
        cc.convert("x", "nope")


ARTICLE_CONFIGS = [
    (name, config)
    for name in ("zh-hans-ev-market.txt", "zh-hant-tw-ai-servers.md", "zh-hant-hk-tram-history.html")
    for config in ("s2t", "s2tw", "s2twp", "s2hk", "t2s", "tw2s", "tw2sp", "hk2s", "t2tw", "t2hk")
]


@pytest.mark.parametrize("name,config", ARTICLE_CONFIGS, ids=[f"{n}-{c}" for n, c in ARTICLE_CONFIGS])
def test_idempotence_per_configuration(name, config):
    """Measured, not assumed: a second pass converts nothing (flags may repeat:
    a flagged character stays until a person decides)."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    first = run(text, chinese=config)
    second = run(first.text, chinese=config)
    assert converted(second) == []
    assert second.text == first.text
    # once the text is Traditional, a lone 后 is a correct Traditional character: no new flags
    assert set(flagged(second)) <= set(flagged(first))


# --- regional standards and Japanese without kana ----------------------------------

HK_SHOP = (
    "多謝晒大家嘅支持\n\n"
    "我哋間小店開咗五年，今日終於要同大家講聲再見。多謝晒每一位熟客，你哋嘅支持我哋記晒喺心入面。\n\n"
    "最後一個禮拜，所有貨品半價，賣晒就收舖。如果你想嚟影相留念，欢迎隨時過嚟。\n"
)


def test_cantonese_particle_sai_is_hong_kong_traditional():
    # 晒 ("all": 多謝晒, 賣晒) is how Hong Kong writes the particle; OpenCC only knows 晒 → 曬
    for lang in (None, "zh-HK"):
        result = run(HK_SHOP, lang=lang)
        assert converted(result) == [("欢", "歡")]
        assert flagged(result) == []
        assert result.changes[0].reason == "opencc s2hk"
        assert result.text.count("晒") == 3 + 1 and "曬" not in result.text
    # converting a Simplified text to Hong Kong Traditional, a lone 晒 is a guess: flagged
    text = "天气很好，大家把被子拿出来晒，下午再收回去，晚上睡觉就很舒服了。\n"
    result = run(text, chinese="s2hk")
    assert flagged(result) == [("晒", "曬")]
    assert "晒" in result.text and "天氣很好" in result.text


def test_hong_kong_forms_are_not_simplified_evidence():
    # s2hk writes 税 温 脱 itself: in a Hong Kong article they are not Simplified leftovers
    simp_only, _trad = cc.script_sets()
    assert {"税", "温", "脱", "晒"} <= simp_only
    assert {"税", "温", "脱", "晒"} <= cc.also_correct("s2hk")
    assert {"群", "峰"} <= cc.also_correct("s2tw") and "税" not in cc.also_correct("s2tw")
    assert cc.also_correct("t2s") == frozenset()


TW_PARK = (
    "新竹科學園區擴建計畫通過環評\n\n"
    "行政院今天通過新竹科學園區第三期擴建計畫的環境影響評估，預計明年開始動工。這項計畫被視為半導體產業未來十年發展的關鍵。\n\n"
    "園區管理局表示，新園區將優先引進人工智慧與先進封裝相關廠商，並為在地居民提供五千個就業機會。"
    "部分民眾則擔心用水問題，认为政府应该启动更完整的水資源規劃，让群众安心。\n\n"
    "管理局回應，已與自來水公司合作，預計興建兩座再生水廠，作為園區的備援水源。\n"
)


def test_taiwan_leftovers_take_the_forms_the_article_writes():
    # the article writes 為 眾 (Taiwan), not OpenCC's standard 爲 衆: s2tw, not s2t
    result = run(TW_PARK)
    assert converted(result) == [("认为", "認為"), ("应该启动", "應該啟動"), ("让群众", "讓群眾")]
    assert {c.reason for c in result.changes} == {"opencc s2tw"}
    assert not set("爲啓羣衆") & set(result.text)


def test_article_in_opencc_standard_keeps_it():
    text = TW_PARK.replace("為", "爲").replace("眾", "衆")
    result = run(text)
    assert converted(result) == [("认为", "認爲"), ("应该启动", "應該啓動"), ("让群众", "讓羣衆")]
    assert result.changes[0].reason == "opencc s2t"


def test_locale_on_a_document_already_in_its_script_converts_only_leftovers():
    # 台北 公布 占比 新台幣 are correct Taiwan text: --lang zh-TW must not rewrite them
    text = "台北市政府今天公布新的預算案，社福支出占比三成，以新台幣計算约一千億元。台灣各縣市也在觀望。\n"
    result = run(text, lang="zh-TW")
    assert converted(result) == [("约", "約")]
    assert result.changes[0].reason == "opencc s2twp"
    assert result.text == text.replace("约", "約")
    # still s2twp: a Simplified leftover phrase gets Taiwan vocabulary
    result = run(text.replace("计", "計").replace("預算案", "预算软件"), lang="zh-TW")
    assert ("预算软件", "預算軟體") in converted(result)
    # zh-HK: the Hong Kong article keeps 晒, its leftover is converted
    assert converted(run(HK_SHOP, lang="zh-HK")) == [("欢", "歡")]
    # a Simplified document with a Traditional locale is still converted whole
    assert run("台北市政府今天公布新的预算案。\n", lang="zh-TW").text == "臺北市政府今天公佈新的預算案。\n"


JA_RESULTS = "# 決算速報\n\n売上高　前年比12%増\n\n営業利益　過去最高\n\n東京証券取引所　発表資料参照\n\n海外事業　北米・欧州・亜細亜\n\n経営陣　新体制発足\n"


def test_japanese_without_kana_is_not_converted():
    # 売 営 発 経 亜 exist in Japanese only (neither Simplified nor Traditional Chinese)
    for options in ({}, {"chinese": "t2s"}, {"chinese": "s2t"}):
        assert run(JA_RESULTS, input_format="markdown", **options).changes == []
    japanese_only = cc.japanese_only()
    assert set("売発営経駅訳沢択桜闘気図広払拠県検円戦鉄関転伝読価") <= japanese_only
    simp_only, trad_only = cc.script_sets()
    assert japanese_only.isdisjoint(simp_only | trad_only)
    assert not set("参体会国学东東予欠") & japanese_only


def test_japanese_headline_inside_a_chinese_article_is_kept():
    text = (
        "日本企业财报季开始，多家公司公布了最新业绩，市场反应不一，投资者關注后续走势。\n\n"
        "東京証券取引所　発表資料参照\n\n"
        "分析人士认为，日元汇率变化对出口企业的利润影响很大，下个季度还要继续观察。\n"
    )
    result = run(text)
    assert converted(result) == [("關", "关")]
    assert "東京証券取引所　発表資料参照" in result.text


def test_what_is_derived_from_opencc_is_cached_as_derived():
    # read back from the sqlite cache: the same sets and tables a fresh derivation gives
    import cleanup.chinese_convert as cc

    assert cc.japanese_only() == cc._derive_japanese_only() and "売" in cc.japanese_only()
    assert cc.script_sets() == cc._derive_script_sets() and cc.regional_forms() == cc._derive_regional_forms()
    for config in ("s2t", "t2s", "s2hk", "s2twp"):
        assert cc.lexicon(config) == cc._derive_lexicon(config)
