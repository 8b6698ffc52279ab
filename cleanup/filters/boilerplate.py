"""Boilerplate filter: attribution footers into metadata, share/subscribe cruft flagged.

The trailing lines of an article that attribute it — ``📌 Source: …``, ``🔗 Original:
URL``, ``⚠️ Please credit … when republishing``, ``来源：…``, ``原文链接：…``,
``Quelle: …``, ``Source : …``, ``Fuente: …``, ``Источник: …``, ``出典：…`` — become
``doc.metadata`` keys ``source``, ``original_url`` and ``credit``. With the ``footer``
option (shared with the config) they are then:

- ``keep`` (default): kept as a short clean footer after a thematic break (``---``),
  one line per paragraph, decoration (emoji, bullets) removed;
- ``remove``: removed from the body (each line a ``removed`` change);
- ``off``: left alone, no metadata.

Share/subscribe/"Read more" lines are ``flagged`` (``cruft="flag"``, default), removed
(``cruft="remove"``) or ignored (``cruft="keep"``).

False-positive policy: only whole lines are recognised, only in the trailing run of
footer-like lines at the end of the document (a ``Source:`` line under a chart in
the middle of an article stays body text), and a line needs an explicit label or a
known credit formula. Cruft must be a short line that is nothing but the call to
action. Every removal is a ``removed`` change whose ``before`` is the exact input
line: no word disappears unrecorded. A footer that is already clean and after a
rule gets no change (idempotent).

One exception to whole lines: a footer glued to the end of the last paragraph's last
sentence (``… in Western Europe. Source: Reuters``, ``…と発表した。出典：日本経済新聞``) is
split off when it has a known label and a colon right after a sentence end and a short,
name-like value; its change covers the separator and the footer, the sentence stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cleanup.document import Block, Break, Code, Container, Document, Inline, Link, Paragraph, Raw, Rule, Table, Text
from cleanup.filters import Filter
from cleanup.lazy_pattern import LazyPattern
from cleanup.structure_rules import line_bounds, plain, source_range, split_lines

NAME = "boilerplate"
MAX_FOOTER_LINES = 10
FOOTER_MODES = ("keep", "remove", "off")
CRUFT_MODES = ("flag", "remove", "keep")
BAD_MODE_TEXT = "boilerplate: unknown {what} mode {value!r}; use one of {choices}"

# one character class, possessive: no backtracking state per character on a long line
_DECOR = LazyPattern(r"(?V1)^[[\p{Extended_Pictographic}\p{So}\uFE0F\u200D\u20E3•·▶►➤→※|*>\-–—\s]--[©®ⓒ]]++")
_LABELS = {
    "source": r"sources?|quellen?|fuentes?|fontes?|fonti|bron|źródło|источники?|джерело|източник|извор|منبع|ماخذ|kjelde|sursă|资料来源|資料來源|消息来源|消息來源"
    r"|(?:本文|文章|新闻|新聞|信息|资讯|資訊)?(?:来源|來源)|出处|出處|出典"
    r"|ソース|출처|kaynak|nguồn|zdroj|sumber|kilde|källa|lähde|forrás|sursa|izvor|πηγή|المصدر|מקור|स्रोत|ที่มา"
    r"|chanzo|pinagmulan|fonts?|সূত্র|মূল সূত্র|மூலம்|ஆதாரம்",
    "original_url": r"original(?:\s+(?:article|link|url|post))?|originalartikel|originalbeitrag|article original"
    r"|lien original|artículo original|enlace original|articolo originale|link originale|artigo original"
    r"|oorspronkelijk artikel|oryginał|оригинал(?:\s+статьи)?|ссылка на оригинал|原文链接"
    r"|原文鏈接|原文地址|原文|元記事|記事元|link original|원문(?:\s*(?:링크|기사|보기))?|기사\s*원문|link gốc|bài gốc"
    r"|artikel asli|tautan asli|orijinal(?:\s+(?:haber|makale|bağlantı))?|ต้นฉบับ|المقال الأصلي|оригінал(?:\s+статті)?"
    r"|originalartikkel|alkuperäinen (?:artikkeli|juttu)|původní článek|eredeti cikk|articolul original|لینک اصلی"
    r"|оригинална статия|pautan asal|enllaç original|मूल लेख|मूल लिंक|মূল লেখা|মূল প্রতিবেদন"
    r"|原文連結|原文網址|原文网址|ลิงก์ต้นฉบับ|ลิงก์ข่าวต้นฉบับ|الرابط الأصلي|رابط المقال(?: الأصلي)?",
    "via": r"via|vía",
    "credit": r"credits?|photo credit|image credit|bildnachweis|bildquelle|crédits?(?:\s+photo)?|créditos?"
    r"|автор фото|图片来源|圖片來源|画像",
}
# "Foto: Anna Lindqvist", "Photo : AFP": a photo credit, or a caption ("Photo: The harbour at dawn"),
# so it joins a footer only beside an attribution line of another kind, and only naming someone
_PHOTO_LINE = LazyPattern(
    r"^(?:photos?|fotos?|fotografía|fotografia|fotografie|zdjęcie|zdjęcia|фото|світлина|φωτογραφία|φωτό"
    r"|fotoğraf|ảnh|写真|사진|照片|圖片|图片|صورة|תמונה|bild|kuva)[ \t\u00a0\u202f]*[:：|｜][ \t\u00a0\u202f]*"
    r"(?P<value>\S.{0,80})$",
    regex.IGNORECASE,
)
# "Author: Hannah Weiss", "Editor: Laura Chen", "编辑：王丽", "Autorin: Eva Roth": who wrote or edited the
# piece. Like a photo credit it joins a footer only beside an attribution line of another kind, and
# only naming someone ("Editor: the choice is yours" is a sentence)
_BYLINE_LINE = LazyPattern(
    r"^(?:authors?|by|written by|reporting by|reporter|editor|edited by|editing by|writer|words"
    r"|autor(?:in|a|es)?|redakteur(?:in)?|redaktion|auteure?|autrice|rédaction|rédacteur|rédactrice"
    r"|editora?|redacción|redactora?|autore|redattore|автор|редактор"
    r"|作者|编辑|編輯|责任编辑|責任編輯|责编|記者|记者|撰文|文|著者|筆者|執筆|編集|文責|기자|편집)"
    r"[ \t\u00a0\u202f]*[:：|｜][ \t\u00a0\u202f]*(?P<value>\S.{0,80})$",
    regex.IGNORECASE,
)
_LABEL_LINE = {
    key: LazyPattern(r"^(?:" + pattern + r")[ \t\u00a0\u202f]*[:：|｜][ \t\u00a0\u202f]*(?P<value>\S.{0,300})$",
                       regex.IGNORECASE)
    for key, pattern in _LABELS.items()
}
# "Originally published at https://…": an original URL without a colon after its label
# "来源：Taipei Business Wire 原文链接：https://…": a second label on the source's line
_INLINE_ORIGINAL = LazyPattern(
    r"[ \t\u00a0\u3000]+(?:" + _LABELS["original_url"] + r")[ \t\u00a0]*[:：][ \t\u00a0]*(?P<url>https?://\S{1,2000})$",
    regex.IGNORECASE,
)
_PUBLISHED_AT = LazyPattern(
    r"^(?:originally|first) published (?:at|on|in)[ \t]+(?P<value>https?://[^\s<>\"'“”]{1,300}?)[.)]?$"
    r"|^(?:ursprünglich|zuerst) (?:erschienen|veröffentlicht) (?:auf|bei|unter)[ \t]+(?P<value>https?://\S{1,300}?)[.)]?$",
    regex.IGNORECASE,
)
# "This article first appeared on The Conversation.": where the article was published first
_FIRST_APPEARED = LazyPattern(
    r"(?:^(?:(?:this|the) (?:article|story|piece|post|essay) (?:was )?)?(?:originally|first) (?:published|appeared|ran)"
    r" (?:at|on|in|by)"
    r"|^(?:dieser|der) (?:artikel|beitrag|text) (?:erschien|ist) (?:zuerst|ursprünglich|erstmals)(?: erschienen)? (?:bei|auf|in|im)"
    r"|^(?:zuerst|ursprünglich|erstmals) erschienen (?:bei|auf|in|im)"
    r"|^(?:cet article a (?:d['’]abord|initialement|originellement|été initialement) (?:été )?publié|initialement publié"
    r"|publié à l['’]origine)"
    r" (?:sur|dans|par|chez)"
    r"|^(?:este artículo (?:fue publicado|se publicó)|publicado) originalmente en"
    r"|^(?:este artigo foi publicado|publicado) originalmente (?:no|na|em)"
    r"|^(?:questo articolo è stato pubblicato|pubblicato) (?:originariamente|originalmente|per la prima volta) (?:su|in|da)"
    r"|^dit artikel verscheen (?:eerder|eerst|oorspronkelijk) (?:in|op|bij)"
    r")[ \t]+(?P<value>\S.{0,80}?)[.)]?$",
    regex.IGNORECASE,
)
# "Translated by DeepL": who translated the article is attribution too
_TRANSLATED_BY = LazyPattern(
    r"^(?:(?:machine[- ])?translated (?:by|with|from \S+ by)|translation(?: by|:)|übersetzt (?:von|mit)|übersetzung:"
    r"|traducido (?:por|con)|traducción:|traduit (?:par|avec)|traduction\s?:|tradotto da|traduzione:|tradução(?: de|:)"
    r"|vertaald door|vertaling:|翻译[：:]|翻譯[：:]|譯者[：:]|译者[：:]|翻訳[：:]|переведено|перевод:|переклад:"
    r"|tłumaczenie:|tłumaczył(?:a)?\b|przekład:|çeviri:|번역[：:]|dịch:|μετάφραση:|översättning:)\s*\S.{0,100}$",
    regex.IGNORECASE,
)
_CREDIT_SENTENCE = LazyPattern(
    r"^(?:please\s+)?(?:credit|cite|attribute)\s.{0,120}\b(?:republish|repost|reprint|reproduc|shar|us)\w*"
    r"|^(?:all rights reserved\.?\s*)?(?:republish|reprint|repost|reproduc)\w*\b.{0,60}\b(?:credit|attribution|permission)\b"
    r"|^this (?:article|story|piece|post) (?:is|was) (?:republished|reprinted|reproduced) (?:from|with)\b"
    r"|转载请注明|轉載請註明|转载请标明|转载须注明|未经.{0,12}授权.{0,12}(?:禁止|不得)(?:转载|轉載)|版权归.{0,30}所有"
    r"|無断転載|転載(?:禁止|する際)|^(?:bitte\s+)?(?:nennen sie|geben sie).{0,80}\bquelle"
    r"|\bnachdruck\b.{0,80}(?:quelle|genehmigung)|^merci de (?:citer|créditer|mentionner)"
    r"|\b(?:toute )?reproduction\b.{0,60}\b(?:interdite|autorisée|citant)"
    r"|^por favor,? (?:cite|menciona|cita)|^prohibida (?:su|la) reproducción\b|\breproducción\b.{0,60}\b(?:prohibida|permitida|citando)"
    r"|^при (?:перепечатке|цитировании)|\bперепечатка\b|ссылка на .{1,60} обязательна"
    # "(c) third step" is a list item, "Copyright law is changing" a sentence
    r"|무단\s*전재|재배포\s*금지"
    r"|^(?:[©ⓒ]|(?:\(c\)|copyright\b)(?=\s*(?:©|\(c\)|\d{4}|by\b|(?-i:\p{Lu}))))",
    regex.IGNORECASE,
)
_CRUFT = LazyPattern(
    r"^(?:share (?:this|on|via)\b|share:|tweet this|follow us\b|subscribe\b|sign up\b|read more\b"
    r"|related(?: articles| posts| stories)?:|click here\b|like us on\b|advertisement$|sponsored$"
    r"|(?:jetzt )?teilen\b|artikel teilen|abonnieren\b|(?:jetzt )?(?:den |unseren )?newsletter abonnieren|mehr lesen|weiterlesen|lesen sie auch"
    r"|anzeige$|folgen sie uns|partager\b|abonnez-vous|lire aussi|lire la suite|à lire aussi|suivez-nous|publicité$"
    r"|compartir\b|suscríbete|leer más|lee también|síguenos|publicidad$|поделиться|подписывайтесь|читайте также"
    r"|подробнее$|реклама$|分享到|点击关注|关注我们|阅读原文|相关阅读|延伸阅读|扫码关注|点赞|この記事をシェア"
    r"|シェアする|関連記事|続きを読む|フォローする|あわせて読みたい|延伸閱讀|相關閱讀|推荐阅读|推薦閱讀|閱讀原文"
    r"|관련 ?기사|leggi anche|leia também|lees ook|baca juga|czytaj (?:także|też)|читайте також|xem thêm"
    r"|läs också|les også|læs også|lue myös|condividi\b|compartilh(?:e|ar)\b|paylaş\b|bagikan\b|kongsi(?:kan)?\b|chia sẻ\b"
    r"|terima kasih (?:kerana |karena |telah |sudah )?membaca\b"
    r"|dela (?:artikeln|inlägget)\b|del (?:artikkelen|artiklen|saken|denne)\b|jaa (?:artikkeli|juttu)\b|deel (?:dit )?(?:artikel|bericht)\b"
    r"|sdílet\b|sdílejte\b|čtěte (?:také|též)|megosztás\b|oszd meg\b|olvassa el (?:ezt )?is|distribuie\b|citește și"
    r"|поділитися|сподели(?:те)?\b|прочетете (?:още|също)|подели(?:те)?\b|прочитајте (?:још|такође)"
    r"|اشتراک[\u200c ]?گذاری|همچنین بخوانید|بیشتر بخوانید|شیئر کریں|مزید پڑھیں|یہ بھی پڑھیں)",
    regex.IGNORECASE,
)
# an assistant's words around an article it wrote: the first line ("Sure! Here is the
# article:") and, only after such a first line, a closing offer ("Let me know if …")
_CHATTER_OPEN = LazyPattern(
    r"^(?:sure|certainly|of course|absolutely|okay|ok|great)(?: thing| question| idea)?[!.,]\s*"
    r"(?:here(?:'s|’s| is| are)|below is)\b.{0,120}?\b(?:article|blog post|post|story|draft|version|rewrite"
    r"|translation|summary|piece)\b.{0,80}?[:：.!]?$"
    # without "Sure!": a line ending in a colon, where the article is the one asked for ("Here is
    # a rewritten version of your article:"), not "Here is the article the council did not want you to read:"
    r"|^(?:here(?:'s|’s| is| are)|below is)\s+(?:the|a|an|your|my)\b[^:：]{0,60}?\b(?:article|blog post|post|draft"
    r"|version|rewrite|translation|summary)\b(?:\s+(?:about|on|for|of|in|into|you|that you|as|based on|titled"
    r"|with)\b[^:：]{0,80})?[:：]$"
    r"|^(?:gerne|klar|natürlich|sicher)\b.{0,20}?[!.,]\s*hier (?:ist|sind)\b.{0,120}?\b(?:artikel|text|beitrag"
    r"|entwurf|übersetzung|fassung)\b.{0,80}?[:：.!]?$"
    r"|^(?:bien sûr|certainement|d'accord|avec plaisir)\b.{0,20}?[!.,]\s*voici\b.{0,120}?\b(?:article|texte"
    r"|billet|version|traduction)\b.{0,80}?[:：.!]?$"
    r"|^¡?(?:claro|por supuesto|desde luego|con gusto)\b.{0,20}?[!.,]\s*aquí (?:tienes|está|va)\b.{0,120}?"
    r"\b(?:artículo|texto|versión|traducción)\b.{0,80}?[:：.!]?$"
    r"|^(?:(?:certo|certamente|ecco fatto|volentieri)\b.{0,20}?[!.,]\s*)?ecco\b.{0,40}?\b(?:l['’]articolo|il testo"
    r"|la versione|la traduzione)\b.{0,80}?[:：]$"
    r"|^(?:claro|com certeza|certamente)\b.{0,20}?[!.,]\s*aqui (?:está|estão|vai)\b.{0,120}?\b(?:artigo|texto"
    r"|versão|tradução)\b.{0,80}?[:：.!]?$"
    r"|^aqui (?:está|estão|vai) (?:o|a|os|as|seu|sua)\b.{0,60}?\b(?:artigo|texto|versão|tradução)\b.{0,80}?[:：]$"
    r"|^voici (?:l['’]article|le texte|la version|la traduction|votre article|ton article)\b.{0,80}?\s?[:：]$"
    r"|^вот (?:статья|текст|перевод|версия|ваша статья)\b.{0,80}?[:：]$"
    r"|^(?:好的|当然|當然|没问题|沒問題)[！!，,。]?\s*(?:以下是|下面是|这是|這是).{0,60}?(?:文章|稿件|新闻稿|新聞稿|译文|譯文|版本)"
    r".{0,40}?[：:。！!]?$"
    # without "好的": the piece that was asked for ("以下是根据您的要求撰写的新闻稿："), ending in a colon
    r"|^(?:以下是|下面是)(?:根据|根據|按照|为|為)?(?:您|你)(?:的要求|的需求|要的|需要的|所需的).{0,30}?(?:文章|稿件|新闻稿|新聞稿"
    r"|译文|譯文|版本)[：:]$"
    # Japanese, Korean, Hindi, Bengali, Tamil, Thai, Vietnamese, Indonesian/Malay, Tagalog, Catalan
    r"|^(?:(?:はい|もちろん(?:です)?|承知(?:いた)?しました|かしこまりました)[、。！!]\s*){1,2}.{0,20}?(?:以下|こちら)(?:が|は|に)"
    r".{0,30}?(?:記事|文章|原稿|翻訳|バージョン).{0,30}?[：:。！!]?$"
    r"|^(?:以下|こちら)(?:が|は)(?:ご依頼の|ご要望の|リクエストされた)?.{0,30}?(?:記事|原稿)(?:です|になります)[：:]$"
    r"|^(?:물론(?:이죠|입니다)?|네|좋아요|알겠습니다)[!.,]\s*.{0,40}?(?:기사|글|원고|번역본?|버전)(?:입니다|이에요|예요"
    r"|을 작성했습니다|를 작성했습니다|을 작성해 드렸습니다).{0,20}?[:：.!]?$"
    r"|^(?:ज\u093C?रूर|\u095Bरूर|बिल्कुल|बिलकुल|निश्चित रूप से|अवश्य)[!।,.]\s*(?:यहाँ|यहां|यह रहा|ये रहा|नीचे)"
    r".{0,60}?(?:लेख|आर्टिकल|अनुवाद|संस्करण|ब्लॉग पोस्ट).{0,40}?[:：।!]?$"
    r"|^(?:অবশ্যই|নিশ্চয়ই)[!।,.]\s*(?:এখানে|নিচে).{0,60}?(?:নিবন্ধ|প্রবন্ধ|লেখা|অনুবাদ|সংস্করণ).{0,40}?[:：।!]?$"
    r"|^(?:நிச்சயமாக|சரி)[!.,]\s*(?:இதோ|கீழே).{0,60}?(?:கட்டுரை|மொழிபெயர்ப்பு|பதிப்பு).{0,40}?[:：.!]?$"
    r"|^(?:แน่นอน|ได้เลย|ได้)(?:ครับ|ค่ะ|คะ)?[!.,]?\s*(?:นี่คือ|ด้านล่างนี้คือ|ต่อไปนี้คือ).{0,60}?(?:บทความ|คำแปล|ฉบับ)"
    r".{0,60}?[:：.!]?$"
    r"|^(?:chắc chắn rồi|tất nhiên rồi|tất nhiên|dĩ nhiên|được thôi|vâng)[!.,]\s*(?:đây là|dưới đây là)\b.{0,80}?"
    r"\b(?:bài viết|bài báo|bản dịch|phiên bản)\b.{0,80}?[:：.!]?$"
    r"|^dưới đây là (?:bài viết|bài báo|bản dịch|phiên bản)\b.{0,80}?[:：]$"
    r"|^(?:tentu(?: saja)?|baik(?:lah)?|sudah tentu|siap|oke)[!.,]\s*(?:berikut|ini)(?: (?:adalah|ialah|ini))?\b.{0,60}?"
    r"\b(?:artikel|tulisan|versi|terjemahan)\w*\b.{0,80}?[:：.!]?$"
    r"|^berikut (?:adalah |ialah |ini )?(?:artikel|tulisan|versi|terjemahan)(?:nya|\s+(?:tentang|mengenai|yang (?:anda|kamu)"
    r" minta|yang (?:sudah|telah) (?:diperbaiki|ditulis|diterjemahkan|disunting)))\b.{0,80}?[:：]$"
    r"|^(?:siyempre|sige|oo naman|tiyak)[!.,]\s*(?:narito|heto|ito)(?: na)? ang\b.{0,60}?\b(?:artikulo|sanaysay|salin"
    r"|bersyon)\b.{0,80}?[:：.!]?$"
    r"|^(?:és clar|i tant|per descomptat|amb molt de gust)[!.,]\s*(?:aquí (?:tens|teniu|està|va))\b.{0,60}?"
    r"\b(?:l['’]article|el text|la versió|la traducció)\b.{0,80}?[:：.!]?$",
    regex.IGNORECASE,
)
# one or two such sentences on the line ("¡Espero que te sirva! Avísame si quieres cambios.")
_CHATTER_CLOSE = LazyPattern(
    r"^(?:[¡¿]?(?:i hope (?:this|that|you)\b[^!.。！]{0,80}|let me know if\b.{0,160}|feel free to\b.{0,160}"
    r"|if you(?:'d|’d| would)? (?:like|want|need)\b.{0,160}|ich hoffe\b[^!.]{0,100}|lass(?:en sie)? mich wissen\b.{0,160}"
    r"|j'espère que\b[^!.]{0,100}|n'hésitez pas\b.{0,160}|espero que\b[^!.]{0,100}|avísame si\b.{0,160}"
    r"|spero che\b[^!.]{0,100}|fammi sapere\b.{0,160}|fatemi sapere\b.{0,160}|me avise se\b.{0,160}"
    r"|would you like me to\b.{0,160}|shall i\b.{0,160}|sag(?:en sie)? (?:mir )?bescheid\b.{0,160}"
    r"|quieres que\b.{0,160}|espero que (?:isto|isso)\b[^!.]{0,100}|avise-me\b.{0,160}"
    r"|si (?:quieres|prefieres|lo deseas|deseas|necesitas)\b.{0,160}|se (?:quiser|preferir|desejar|precisar)\b.{0,160}"
    r"|si (?:vous (?:voulez|souhaitez|le souhaitez)|tu veux)\b.{0,160}|se (?:vuoi|desideri|preferisci)\b.{0,160}"
    r"|wenn (?:du|sie) (?:möchtest|möchten|willst|wollen)\b.{0,160}"
    r"|希望.{0,30}?(?:帮助|幫助|有用)|如(?:果)?(?:需要|有).{0,40}(?:告诉我|告訴我|随时|隨時).{0,30}?"
    r"|(?:如果|如)(?:您|你)?(?:需要|愿意|願意|想要?)[^。！!]{0,40}?我(?:还|還|也)?(?:可以|能)[^。！!]{0,60}"
    r"|需要的话[^。！!]{0,40}?我(?:还|還|也)?(?:可以|能)[^。！!]{0,60}"
    # Japanese, Korean, Hindi, Bengali, Tamil, Thai, Vietnamese, Indonesian/Malay, Tagalog, Catalan
    r"|この記事が.{0,20}?お役に立てば幸いです|お役に立てれば幸いです|(?:ほか|他)に.{0,30}?(?:あれば|ございましたら)[、，]?"
    r".{0,30}?(?:お気軽に|いつでも).{0,20}?(?:ください|どうぞ)"
    r"|도움이 되(?:었으면|셨으면|길) (?:좋겠습니다|바랍니다)|(?:추가로 |더 )?(?:필요하신 (?:부분|점)이|궁금한 점이|수정이 필요하시면"
    r"|다른 요청이) ?.{0,40}?(?:말씀해|알려) 주세요"
    r"|मुझे (?:उम्मीद|आशा) है[^!।.]{0,100}|(?:अगर|यदि) आप चाहें,? तो मैं[^!।.]{0,120}"
    r"|আশা করি[^!।.]{0,100}|আপনি চাইলে[^!।.]{0,120}"
    r"|இது உங்களுக்கு[^!.]{0,80}நம்புகிறேன்|(?:உங்களுக்கு )?வேறு[^!.]{0,60}(?:தெரியப்படுத்துங்கள்|கேளுங்கள்)"
    r"|หวังว่า(?:บทความ|ข้อมูล)[^!.]{0,100}|หาก(?:คุณ)?ต้องการ[^!.]{0,100}(?:แจ้ง|บอก)[^!.]{0,40}"
    r"|hy vọng\b[^!.]{0,100}|nếu bạn (?:cần|muốn)\b.{0,160}"
    r"|semoga (?:artikel|tulisan|informasi|ini|bermanfaat|membantu)\b[^!.]{0,100}|(?:jika|kalau|sekiranya) (?:anda|kamu) (?:ingin|mau"
    r"|perlu|mahu|memerlukan)\b.{0,160}|beri ?tahu saya\b.{0,160}"
    r"|sana (?:makatulong|nakatulong)\b[^!.]{0,100}|kung (?:gusto|nais|kailangan) mo\b.{0,160}|ipaalam mo lang\b.{0,160}"
    r"|espero que (?:et|us) sigui\b[^!.]{0,100}|si (?:vols|voleu|necessites)\b.{0,160}|fes-me saber\b.{0,160})"
    r"[!.。！।]?\s*){1,2}$",
    regex.IGNORECASE,
)
# a call to action is a few words ("Share this article", "Teilen:"), not a sentence that starts
# with the same verb ("Compartir piso en Madrid cuesta ya 600 euros", "Follow us, the crowd chanted")
_CRUFT_OBJECT = LazyPattern(r"\b(?:our|us|newsletter|this (?:article|story|post)|artikel ini|berita ini|here|below|inbox|issues?|updates|e-?mail"
                            r"|now|today|free|stor(?:y|ies)|unser\w*|nuestr\w*|notre|nos)\b",
                            regex.IGNORECASE)
# a line of hashtags only ("#health #sleep #aging"): tags an LLM appends after its footer
_HASHTAGS = LazyPattern(r"#[\p{L}\p{N}_]{1,40}(?:[ \t]+#[\p{L}\p{N}_]{1,40}){1,15}")
_CUE_LABEL = LazyPattern(r"^[^:：,，]{1,25}[:：]")
_CLAUSE = LazyPattern(r"[,，]\s*\S+\s+\S+")
_URL = LazyPattern(r"https?://[^\s<>\"'“”]{1,2000}")
_NAME_AND_URL = LazyPattern(r"(?P<name>[^()（）]{1,200}?)\s*[(（](?P<url>https?://[^\s()（）]{1,2000})[)）]$")
_NAME_THEN_URL = LazyPattern(r"(?P<name>[^\s:/()（）<>][^:/()（）<>]{0,80}?)[ \t\u00a0\u3000]+(?P<url>https?://[^\s()（）<>]{1,2000})$")
_TRAIL = ".,;:!?)]}>»”’'\"。，；：）"
# A footer glued to the end of the last sentence ("… in Western Europe. Source: Reuters",
# "…と発表した。出典：日本経済新聞"): a known label and a colon (or "Originally published at
# URL") right after a sentence end (a danda or an Arabic question mark too) and whitespace,
# or right after a CJK full stop.
_GLUED_START = LazyPattern(
    r"(?:(?<=[.!?。！？।؟۔][)）\"”’»」』]?)[ \t\u00a0\u3000]+|(?<=[。！？][）」』”]?))"
    r"(?=(?:\p{Extended_Pictographic}\uFE0F?[ \t]*)?[(（]?(?:" + "|".join(_LABELS.values()) + r")[ \t\u00a0\u202f]*[:：]"
    r"|(?:originally|first) published (?:at|on|in)[ \t]+https?://"
    r"|(?:ursprünglich|zuerst) (?:erschienen|veröffentlicht) (?:auf|bei|unter)[ \t]+https?://)",
    regex.IGNORECASE,
)
# a caption under a chart or table ends with its source: "Chart: … Source: IMF" is no footer
_CAPTION = LazyPattern(
    r"^(?:fig(?:ure|\.)?|chart|graph|graphic|table|map|photo|image|abb(?:ildung|\.)|grafik|tabelle|karte|gráfico"
    r"|tabla|graphique|tableau|grafico|tabella|図|表|图|圖|그림|표|рис(?:унок|\.)|таблица)\s*\d*[.:：]",
    regex.IGNORECASE,
)
_TABLE_ROW = LazyPattern(r"^\s*\|.*\|\s*$|\t.*\t")
MAX_GLUED = 160  # characters of a glued footer: a name, a URL, a photo credit
MAX_CAPTION = 150  # a sentence this short right under a table or an image may be its caption
_PICTOGRAPHS = LazyPattern(r"(?:\p{Extended_Pictographic}\uFE0F?[ \t]*)?")


@dataclass(frozen=True)
class BoilerplateOptions:
    """footer: ``keep`` | ``remove`` | ``off`` (shared with the config's ``footer``).
    cruft: ``flag`` | ``remove`` | ``keep`` for share/subscribe/"Read more" lines."""

    footer: str = "keep"
    cruft: str = "flag"


@dataclass(slots=True)
class _Line:
    block: int  # index in doc.blocks
    nodes: list[Inline]
    text: str
    start: int
    end: int
    kind: str = ""  # source | original_url | via | credit | credit_sentence | photo | byline | cruft
    value: str = ""
    prefix: int = 0  # characters of decoration before the label
    # a footer glued to the end of a body line: the body part that stays, and the source
    # offset where the cut begins (the whitespace before the label)
    body: list[Inline] | None = None
    cut: int = -1

    @property
    def lead(self) -> int:
        """Source offset where this line's text leaves the body (its separator included)."""
        return self.cut if self.body is not None else self.start


def _url_of(nodes: list[Inline], value: str) -> str | None:
    stack = list(nodes)
    while stack:
        n = stack.pop()
        if isinstance(n, Link) and n.href.startswith(("http://", "https://")):
            return n.href
        stack.extend(getattr(n, "children", []))
    m = _URL.search(value)
    if not m:
        return None
    url = m.group(0)
    while url and url[-1] in _TRAIL:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url or None
_BRACKET = LazyPattern(r"[()（）]")
_BRACKETS = LazyPattern(r"[()（）<>\[\]]")
_NAME_SPLIT = LazyPattern(r"[\s/]+")


def _has_label_mark(body: str) -> bool:
    """Whether a ``_LABEL_LINE`` pattern can match: each needs a colon or a bar after its label."""
    return ":" in body or "：" in body or "|" in body or "｜" in body


def classify_line(text: str, linked: bool = False) -> tuple[str, str, int] | None:
    """``(kind, value, decoration_length)`` for a footer or cruft line, else None.
    ``linked``: the line holds a web link (an ``Original:`` label needs a URL)."""
    m = _DECOR.match(text)
    prefix = m.end() if m else 0
    body = text[prefix:].strip()
    if len(body) > 2 and body[0] in "(（" and body[-1] in ")）" and not _BRACKET.search(body, 1, len(body) - 1):
        body = body[1:-1].strip()  # "（本文来源：新华社）"
    if not body or len(body) > 300:
        return None
    published = _PUBLISHED_AT.match(body)
    if published:
        return "original_url", published.group("value"), prefix
    first = _FIRST_APPEARED.match(body)
    if first:
        value = first.group("value")
        if _URL.fullmatch(value):
            return "original_url", value, prefix
        if _names_a_publication(value):
            return "source", value, prefix
    for key, pattern in _LABEL_LINE.items() if _has_label_mark(body) else ():
        lm = pattern.match(body)
        if lm:
            value = lm.group("value").strip()
            if key == "original_url" and not linked and not _URL.search(value):
                return None
            return key, value, prefix
    photo = _PHOTO_LINE.match(body)
    if photo and _names_a_credit(photo.group("value")):
        return "photo", photo.group("value").strip(), prefix
    byline = _BYLINE_LINE.match(body)
    if byline and _names_a_credit(byline.group("value")):
        return "byline", byline.group("value").strip(), prefix
    if len(body) <= 200 and (_CREDIT_SENTENCE.search(body) or _TRANSLATED_BY.match(body)):
        return "credit_sentence", body, prefix
    if _HASHTAGS.fullmatch(body):
        return "cruft", body, prefix
    if len(body) <= 80 and _CRUFT.match(body) and not _is_sentence(body):
        return "cruft", body, prefix
    return None


# the words an assistant's preamble starts with: the large pattern is compiled and run only after them
_PREAMBLE_OPENERS = frozenset(
    "sure certainly of okay ok great absolutely here below gerne klar natürlich sicher bien certainement "
    "d'accord avec claro por desde con certo certamente ecco volentieri com aqui voici вот "
    # Korean, Hindi, Bengali, Tamil, Vietnamese, Indonesian/Malay, Tagalog, Catalan (the first word)
    "물론 물론이죠 물론입니다 네 좋아요 알겠습니다 ज\u093cरूर \u095bरूर जरूर बिल्कुल बिलकुल निश्चित अवश्य অবশ্যই নিশ্চয়ই "
    "நிச்சயமாக சரி chắc tất dĩ được vâng dưới tentu baik baiklah sudah siap oke berikut siyempre sige oo tiyak "
    "és i per amb".split()
)
# scripts without spaces: the words a preamble opens with
_PREAMBLE_HEADS = ("好的", "当然", "當然", "没问题", "沒問題", "はい", "もちろん", "承知", "かしこまりました", "以下", "こちら",
                   "แน่นอน", "ได้")


MAX_RULE_LINE = 80
# three marks of one kind, spaces between them allowed (no nested repeat: linear, and no
# backtracking state kept for each of millions of marks)
_RULE_LINE = LazyPattern(r"-[ \t]*+-[ \t]*+-[- \t]*+|\*[ \t]*+\*[ \t]*+\*[* \t]*+|_[ \t]*+_[ \t]*+_[_ \t]*+")
_OPENER_STOPS = str.maketrans({c: " " for c in "!,.:\t"})


def _is_preamble(text: str) -> bool:
    head = text[:12].lstrip("¡¿ ")
    first = head.lower().translate(_OPENER_STOPS).split(" ", 1)[0]
    if first not in _PREAMBLE_OPENERS and not head.startswith(_PREAMBLE_HEADS):
        return False
    return _CHATTER_OPEN.search(text) is not None


def _names_a_publication(value: str) -> bool:
    """``Zeit Online``, ``The Conversation``, ``El País``: capitalized words and short particles,
    not the rest of a sentence (``The Guardian on Monday and was widely shared``)."""
    words = value.split()
    return len(words) <= 8 and all(w[:1].isupper() or not w[:1].isalpha() or len(w) <= 3 for w in words)


def _names_a_credit(value: str) -> bool:
    """``Anna Lindqvist``, ``Marco Bianchi/ANSA``, ``AFP``, ``Reuters / Jane Doe``, ``連合通信``: names,
    not a caption's sentence (``The harbour at dawn.``, ``Residents clear the street``)."""
    value = value.strip()
    if not value or value[-1] in ".!?。！？" or len(value.split()) > 6:
        return False
    words = [w for w in regex.split(r"[\s/|,;]+", value) if w]

    def named(w: str) -> bool:  # capitalized, or in a script without case
        return w[:1].isupper() or (w[:1].isalpha() and w[:1].lower() == w[:1].upper())

    # particles ("de", "van", "da") may be lower case
    return any(named(w) for w in words) and all(named(w) or not w[:1].isalpha() or len(w) <= 3 for w in words)


def _names_a_source(value: str) -> bool:
    """The value of a glued footer is a name (``Reuters``, ``Agência Brasil``, ``dpa``,
    ``日本経済新聞``), an optional URL and an optional credit (``AP Photo/Jane Doe``), not the
    rest of a sentence (``a leaked memo``, ``people familiar with the talks``)."""
    name = _URL.sub(" ", value)
    name = _BRACKETS.sub(" ", name).strip().rstrip(".。")
    if not name:
        return _URL.search(value) is not None
    words = [w.strip(",;:.·|-–—'\"“”‘’«»") for w in _NAME_SPLIT.split(name)]
    words = [w for w in words if w]
    if not words or len(name) > 80 or len(words) > 8:
        return False

    def capital(w: str) -> bool:  # "Reuters", "РИА", "日本経済新聞", "24"
        first = w[:1]
        return not first.isalpha() or first.isupper() or first.lower() == first.upper() and len(w) <= 20

    if capital(words[0]) and len(words) <= 3:
        return True  # "Городские новости", "Europa Press"
    # "dpa", "la Repubblica", "Le Journal des Mobilités"; not "a leaked memo", "people familiar with …"
    return (capital(words[0]) or len(words[0]) <= 3) and all(capital(w) or len(w) <= 3 for w in words[1:])


def _cut_nodes(nodes: list[Inline], i: int) -> tuple[list[Inline], list[Inline]] | None:
    """``nodes`` cut at plain-text offset ``i``: at a boundary between nodes or inside a
    top-level text node (never inside a link or emphasis)."""
    pos = 0
    for k, n in enumerate(nodes):
        if pos == i:
            return nodes[:k], nodes[k:]
        size = len(plain([n]))
        if pos < i < pos + size:
            if not isinstance(n, Text):
                return None
            cut = i - pos
            left, right = n.text.slice(0, cut), n.text.slice(cut, size)
            return nodes[:k] + [Text(left, n.lang)], [Text(right, n.lang)] + nodes[k + 1 :]
        pos += size
    return (list(nodes), []) if pos == i else None


def _source_at(nodes: list[Inline], i: int) -> int | None:
    """Normalized-source offset of plain-text offset ``i`` of ``nodes`` (a top-level text node)."""
    pos = 0
    for n in nodes:
        size = len(plain([n]))
        if pos <= i < pos + size:
            return n.text.source_span(i - pos, i - pos + 1)[0] if isinstance(n, Text) else None
        pos += size
    return None


def _is_sentence(body: str) -> bool:
    if _CUE_LABEL.match(body):
        return False  # "Read more: Why rail costs keep rising" is a labelled teaser
    if _CLAUSE.search(body):
        return True
    return len(body.split()) >= 7 and not _CRUFT_OBJECT.search(body)


class BoilerplateFilter(Filter):
    name = NAME
    Options = BoilerplateOptions

    def __init__(self, options: BoilerplateOptions | None = None, **overrides):
        super().__init__(options, **overrides)
        if self.options.footer not in FOOTER_MODES:
            raise ValueError(BAD_MODE_TEXT.format(what="footer", value=self.options.footer,
                                                  choices=", ".join(FOOTER_MODES)))
        if self.options.cruft not in CRUFT_MODES:
            raise ValueError(BAD_MODE_TEXT.format(what="cruft", value=self.options.cruft,
                                                  choices=", ".join(CRUFT_MODES)))

    # -- lines ----------------------------------------------------------------------

    def _lines(self, doc: Document) -> list[_Line]:
        out: list[_Line] = []
        for k, b in enumerate(doc.blocks):
            if not isinstance(b, Paragraph):
                continue
            for nodes in split_lines(b.children):
                rng = source_range(nodes)
                if rng is None:
                    continue
                s, e = self._span(doc, rng)
                out.append(_Line(k, nodes, plain(nodes).strip(), s, e))
        return out

    @staticmethod
    def _span(doc: Document, rng: tuple[int, int]) -> tuple[int, int]:
        if doc.format == "html":
            return rng
        return line_bounds(doc, rng[0], rng[1])

    def apply(self, doc: Document) -> None:
        lines = self._lines(doc)
        for line in lines:
            found = classify_line(line.text, _url_of(line.nodes, "") is not None)
            if found:
                line.kind, line.value, line.prefix = found
        preamble = bool(lines) and lines[0].block == 0 and _is_preamble(lines[0].text)
        # a closing offer after the footer ("Source: …" then "Let me know if …") hides the footer
        closing = preamble and len(lines) > 2 and _CHATTER_CLOSE.search(lines[-1].text) is not None
        zone_lines = lines[:-1] if closing else lines
        footer = self._footer_zone(doc, zone_lines)
        glued = self._glued(doc, zone_lines, footer) if self.options.footer != "off" else None
        if glued:
            footer = [glued] + footer
        if self.options.footer != "off" and footer:
            self._lift(doc, footer)
        else:
            footer = []
        cruft = [ln for ln in lines if ln.kind == "cruft" and (ln not in footer or self.options.cruft == "flag")]
        if self.options.cruft == "flag":
            for ln in cruft:
                doc.record(NAME, "flagged", ln.start, ln.end, None,
                           reason="share/subscribe/read-more line: probably page cruft, not article text")
        elif self.options.cruft == "remove":
            for ln in cruft:
                doc.record(NAME, "removed", ln.start, ln.end, None, reason="share/subscribe/read-more line removed")
        removed = [ln for ln in (footer if self.options.footer == "remove" else [])]
        chatter = self._chatter(doc, lines, footer) if preamble else []
        removed += chatter
        # the "---" under an assistant's preamble is about to go: it does not set off the footer
        lead_rule = 1 if chatter and len(doc.blocks) > 1 and isinstance(doc.blocks[1], Rule) else None
        moved = footer if footer and self.options.footer == "keep" and self._needs_rebuild(doc, footer, lead_rule) \
            else []
        if self.options.cruft == "remove":
            removed += cruft
        if removed or moved:
            self._rebuild(doc, removed, moved)
        if chatter:
            self._drop_leading_rule(doc)

    @staticmethod
    def _drop_leading_rule(doc: Document) -> None:
        """The ``---`` an assistant put under its preamble now opens the article: drop it."""
        if doc.blocks and isinstance(doc.blocks[0], Rule) and doc.blocks[0].src:
            s, e = doc.blocks[0].src
            after = doc.source.text[e : e + 200]
            if not regex.match(r"[ \t]*(?:\n[ \t]*\n|\n?\Z)", after) and regex.match(r"[ \t]*\n[A-Za-z_][\w-]*:[ \t]", after):
                return  # a "key: value" line right under it: the opening "---" of front matter, not a separator
            doc.record(NAME, "removed", s, e, None, reason="rule under an assistant's preamble")
            del doc.blocks[0]
            doc.touched = True

    @staticmethod
    def _chatter(doc: Document, lines: list[_Line], footer: list[_Line]) -> list[_Line]:
        """An assistant's preamble on the first line (the caller found it), and its closing
        offer on the last body line; each removal recorded."""
        found = [lines[0]]
        # a second preamble line right under the first ("Sure! Here is the article." twice) is the
        # first line once the first is gone: a second run would remove it, so this run does
        while (len(found) < len(lines) and lines[len(found)] not in footer
               and lines[len(found)].block - found[-1].block in (0, 1) and _is_preamble(lines[len(found)].text)):
            found.append(lines[len(found)])
        lead = len(found)
        body = [ln for ln in lines[lead:] if ln not in footer and ln.kind != "cruft"]
        if body and _CHATTER_CLOSE.search(body[-1].text):
            last = body[-1]
            after = range(last.block + 1, len(doc.blocks))
            if all(isinstance(doc.blocks[k], Rule) or any(f.block == k for f in footer) for k in after):
                found.append(last)
        for ln in found:
            ln.kind = "chatter"
            doc.record(NAME, "removed", ln.start, ln.end, None,
                       reason="an assistant's words around the article it wrote, not article text")
        # plain text: the "---" right under the preamble is a line of the same paragraph
        under = lines[lead].text if len(lines) > lead and lines[lead].block == lines[lead - 1].block else ""
        if len(under) <= MAX_RULE_LINE and _RULE_LINE.fullmatch(under):  # short: regex cannot repeat 10 MB of ***
            rule = lines[lead]
            rule.kind = "chatter"
            doc.record(NAME, "removed", rule.start, rule.end, None, reason="rule under an assistant's preamble")
            found.append(rule)
        return found

    def _footer_zone(self, doc: Document, lines: list[_Line]) -> list[_Line]:
        """The trailing run of attribution lines (cruft may sit among them)."""
        zone: list[_Line] = []
        k = len(lines) - 1
        if not doc.blocks or not isinstance(doc.blocks[-1], Paragraph):
            return []  # a list, table, code or rule ends the document: no footer
        while k >= 0 and len(zone) < MAX_FOOTER_LINES:
            ln = lines[k]
            if not ln.kind:
                break
            if zone and any(not isinstance(b, (Paragraph, Rule)) for b in doc.blocks[ln.block + 1 : zone[0].block]):
                break
            zone.insert(0, ln)
            k -= 1
        attribution = [ln for ln in zone if ln.kind != "cruft"]
        if not attribution or k < 0 or all(ln.kind in ("photo", "byline") for ln in attribution):
            return []  # a photo line alone may be a caption, a byline alone the end of an essay
        if self._under_a_table_or_figure(doc, zone[0]):
            return []  # "Source: Eurostat" under the last table: the table's caption, not the article's
        # a label line must be lifted to something: an article of only labels is not a footer.
        # Cruft after the first attribution line ("#Markets #Investing" under "Original: …") goes
        # with the footer, still flagged: leaving it where it is would put it above the footer it followed
        if self.options.cruft == "remove" or self.options.footer != "keep":
            return attribution
        first = zone.index(attribution[0])
        return zone[first:]

    @staticmethod
    def _under_a_table_or_figure(doc: Document, line: _Line) -> bool:
        """``line`` opens its paragraph right under a table, a figure, code or an image."""
        para = doc.blocks[line.block]
        rows = split_lines(para.children) if isinstance(para, Paragraph) else []
        if not line.block or not rows or plain(rows[0]).strip() != line.text:
            return False
        above = doc.blocks[line.block - 1]
        # a paragraph with no text is an image's (a blank ``<p>\n`` is no figure: it is not written)
        return isinstance(above, (Table, Container, Code, Raw)) or isinstance(above, Paragraph) and (
            above.tag != "p" or not plain(above.children).strip()
            and any(not isinstance(n, (Text, Break)) for n in above.children))

    def _glued(self, doc: Document, lines: list[_Line], footer: list[_Line]) -> _Line | None:
        """A footer glued to the end of the document's last body line (``… in Western Europe.
        Source: Reuters``): the last line of the last paragraph, or the line right above the
        trailing footer lines. Conservative: a known label and a colon right after a sentence
        end, a short name-like value, never a chart's or table's caption."""
        k = len(lines) - 1
        while k >= 0 and lines[k].kind:
            k -= 1
        if k < 0 or [ln for ln in lines[k + 1 :] if ln.kind != "cruft"] != [ln for ln in footer if ln.kind != "cruft"]:
            return None
        line = lines[k]
        para = doc.blocks[line.block]
        if not isinstance(para, Paragraph) or para.tag != "p" or (k == 0 and line.block == 0):
            return None
        if footer:
            if lines[k + 1].block - line.block > 1:
                return None
        elif k != len(lines) - 1 or line.block != len(doc.blocks) - 1:
            return None
        full = plain(line.nodes).rstrip()
        m = _GLUED_START.search(full, max(0, len(full) - MAX_GLUED - 4))
        if not m or not full[: m.start()].strip() or _CAPTION.match(line.text):
            return None
        rows = split_lines(para.children)
        if len(full[: m.start()].strip()) <= MAX_CAPTION:  # short: a caption under a table or chart?
            if rows and plain(rows[0]).strip() == line.text:
                if self._under_a_table_or_figure(doc, line):
                    return None  # under a table, a figure, an image: a caption's source
            elif k and lines[k - 1].block == line.block and _TABLE_ROW.search(lines[k - 1].text):
                return None
        rest = full[m.end():]
        if len(rest) > MAX_GLUED:
            return None
        head = _cut_nodes(line.nodes, m.start())
        tail = _cut_nodes(line.nodes, m.end())
        if head is None or tail is None:
            return None
        nodes = tail[1]
        found = classify_line(rest, _url_of(nodes, "") is not None)
        if not found or found[0] not in ("source", "via", "credit", "original_url") \
                or not _PICTOGRAPHS.fullmatch(rest[: found[2]]):
            return None  # decoration before the label: an emoji at most ("📌 Source: …")
        kind, value, prefix = found
        if kind != "original_url" and not _names_a_source(value):
            return None
        if any(_key_name(ln.kind) == _key_name(kind) for ln in footer):
            return None  # "… Source: company filings" above a "Source: Reuters" line: which is it?
        cut, start = _source_at(line.nodes, m.start()), _source_at(line.nodes, m.end())
        if cut is None or start is None:
            return None
        return _Line(line.block, nodes, rest.strip(), start, line.end, kind, value, prefix, head[0], cut)

    # -- metadata and footer ------------------------------------------------------------

    def _lift(self, doc: Document, footer: list[_Line]) -> None:
        meta: dict[str, str] = {}
        source_url = None
        for ln in footer:
            if ln.kind == "source" or ln.kind == "via":
                value = ln.value
                inline = _INLINE_ORIGINAL.search(value)
                if inline and inline.start() and "source" not in meta:
                    source_url = source_url or _url_of([], inline.group("url"))
                    value = value[: inline.start()]
                # "Diario del Agua (https://…/sequia-cataluna-riego)", "日本経済新聞 https://…/article/1"
                named = _NAME_AND_URL.match(value) or _NAME_THEN_URL.match(value)
                if named and "source" not in meta:
                    source_url = source_url or _url_of([], named.group("url"))
                # "Diario Deportivo del Sur — https://…": the dash or bar before the URL is no part of the name
                name = named.group("name").rstrip(" \t\u00a0\u3000—–-|｜·•") if named else ""
                meta.setdefault("source", name or named.group("name") if named else value)
            elif ln.kind == "original_url":
                url = _url_of(ln.nodes, ln.value)
                if url:
                    meta.setdefault("original_url", url)
            elif ln.kind in ("credit", "photo"):
                meta.setdefault("credit", ln.value)
            elif ln.kind == "credit_sentence":
                meta.setdefault("credit", ln.value)
        if source_url:
            meta.setdefault("original_url", source_url)  # an explicit Original: line wins
        for key, value in meta.items():
            doc.metadata.setdefault(key, value)

    def _needs_rebuild(self, doc: Document, footer: list[_Line], ignore_rule: int | None = None) -> bool:
        """Keep mode: is the footer not yet clean lines right after a rule?"""
        if any(ln.prefix and ln.kind != "cruft" or ln.body is not None for ln in footer):
            return True
        first = footer[0]
        para = doc.blocks[first.block]
        lines_in_first = split_lines(para.children) if isinstance(para, Paragraph) else []
        if not lines_in_first or plain(lines_in_first[0]).strip() != first.text:
            return True  # body text shares the footer's paragraph
        if doc.format == "html":
            return False  # a page's own elements set the footer apart: a rule would rebuild the page
        # already after a rule, maybe below other short footer lines (a later filter
        # may have rewritten one so that it is no longer recognised)
        k = first.block - 1
        while k >= 0 and first.block - k <= MAX_FOOTER_LINES:
            b = doc.blocks[k]
            if isinstance(b, Rule) and k != ignore_rule:
                return False
            if not isinstance(b, Paragraph) or any(isinstance(n, Break) for n in b.children) \
                    or len(plain(b.children)) > 200:
                return True
            k -= 1
        return True

    def _clean_nodes(self, ln: _Line) -> list[Inline]:
        nodes = list(ln.nodes)
        if ln.prefix and nodes and isinstance(nodes[0], Text):
            first = nodes[0]
            value = first.value
            lead = len(value) - len(value.lstrip())
            cut = lead + ln.prefix
            rest = first.text.slice(min(cut, len(value)), len(value))
            nodes = ([Text(rest, first.lang)] if str(rest) else []) + nodes[1:]
        return nodes

    def _rebuild(self, doc: Document, removed: list[_Line], moved: list[_Line]) -> None:
        gone = {(ln.block, ln.start) for ln in removed + moved if ln.body is None}
        glued = [ln for ln in removed + moved if ln.body is not None]
        new_blocks: list[Block] = []
        for k, b in enumerate(doc.blocks):
            if not isinstance(b, Paragraph) or not any(key[0] == k for key in gone) and not any(
                    ln.block == k for ln in glued):
                new_blocks.append(b)
                continue
            keep: list[list[Inline]] = []
            for nodes in split_lines(b.children):
                rng = source_range(nodes)
                start, end = self._span(doc, rng) if rng else (-1, -1)
                stays = [ln.body for ln in glued if ln.block == k and start <= ln.cut <= end]
                if stays:
                    keep.append(stays[0])  # the body sentence the footer was glued to
                elif (k, start) not in gone:
                    keep.append(nodes)
            if not keep:
                continue
            children: list[Inline] = []
            for j, nodes in enumerate(keep):
                if j:
                    children.append(Break(hard=False))
                children.extend(nodes)
            src = source_range(children)
            new_blocks.append(Paragraph(children, src=b.src if doc.format != "markdown" else (src or b.src),
                                        touched=True, attrs=dict(b.attrs)))
        for ln in removed:
            reason = "share/subscribe/read-more line removed" if ln.kind == "cruft" else \
                f"attribution footer line removed ({_lifted(ln.kind)})"
            if ln.body is not None:
                reason = f"attribution footer glued to the end of the last sentence removed (lifted into " \
                         f"metadata: {_key_name(ln.kind)})"
            if ln.kind not in ("cruft", "chatter"):
                doc.record(NAME, "removed", ln.lead, ln.end, None, reason=reason)
        if moved:
            if not (new_blocks and isinstance(new_blocks[-1], Rule)) and doc.format != "html":
                new_blocks.append(Rule(touched=True))  # a page's footer is set apart by its own elements
                doc.record(NAME, "normalized", moved[0].lead, moved[0].lead, "---",
                           reason="thematic break inserted before the attribution footer")
            for ln in moved:
                if ln.kind == "cruft":  # moved with the footer as it is, flagged above
                    new_blocks.append(Paragraph(list(ln.nodes), src=(ln.start, ln.end), touched=True))
                    continue
                nodes = self._clean_nodes(ln)
                clean = plain(nodes).strip()
                new_blocks.append(Paragraph(nodes, src=(ln.start, ln.end), touched=True))
                if ln.body is not None:
                    # before: the whitespace that glued it to the sentence and the footer itself
                    doc.record(NAME, "normalized", ln.lead, ln.end, clean,
                               reason="attribution footer glued to the end of the last sentence split off "
                                      f"onto its own line (lifted into metadata: {_key_name(ln.kind)})")
                elif ln.prefix:
                    doc.record(NAME, "normalized", ln.start, ln.end, clean,
                               reason=f"attribution footer cleaned ({_lifted(ln.kind)})")
        doc.blocks = new_blocks
        doc.touched = True


def _key_name(kind: str) -> str:
    return {"via": "source", "credit_sentence": "credit", "photo": "credit"}.get(kind, kind)


def _lifted(kind: str) -> str:
    return "a byline: kept in the footer" if kind == "byline" else f"lifted into metadata: {_key_name(kind)}"


__all__ = ["BoilerplateFilter", "BoilerplateOptions", "classify_line"]
