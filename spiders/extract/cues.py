"""The words that tell who a named man is in a sentence: dead or alive, official or soldier, of
this war or of another one, and on which side.

Each pattern is a word list, not a grammar; `roles.py` decides which name a cue speaks of. Cues
of death come in two kinds: those that point at the name after them («гибели», «простились с»,
«в честь», «посмертно наградили») and verbs whose subject is named before them («погиб»,
«скончался», «was killed»). Russian, English, German and Polish.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Point at the name after them: «о гибели Ивана Петрова», «простились с …», «память о …».
DEATH_BEFORE = re.compile(
    r"\b(?:погибш\w*|павш\w*|скончавш\w*|умерш\w*|гибел\w*|смерт[ьи]\b|кончин\w*|"
    r"простил\w*|прощ[аеу]\w*|прост[ия]тся|похорон\w*|погреб\w*|панихид\w*|"
    r"провод\w*\s+в\s+последний\s+путь|проводил\w*\s+в\s+последний\s+путь|"
    r"память|памяти|памятн\w+\s+(?:доск|плит|знак|стел|табличк|парт)\w*|памятник\w*|"
    r"расстрелянн\w*|увековеч\w*|мемориал\w*|в\s+честь|посмертн\w*|именем|имена|имя|захорон\w*|"
    r"в\s+последний\s+путь|останк\w*|прах\w*|смертельн\w+\s+ранени\w+(?:[^.]{0,90}?\sполучил\w*)?|"
    r"парт\w*\s+геро\w*|не\s+стало|могил\w*|траур\w*|некролог\w*|покойн\w*|"
    r"funeral\s+of|memory\s+of|in\s+memory|posthumous\w*|mourn\w*|farewell\s+to|"
    r"laid\s+to\s+rest|last\s+respects|buried|grave\s+of|the\s+dead|death\s+of|"
    r"gedenk\w*|beerdigt|begraben|beigesetzt|abschied|trauer\w*|posthum|toten|grab\w*|"
    r"gefallenen|the\s+late|tod|todes|"
    r"pogrzeb\w*|pochowan\w*|pamięci)\b"
    r"|#?вечная\s*память|🕯|💔|🖤|✝|†",
    _I,
)
# Verbs whose subject is the dead man: «Иван Петров погиб», «Sokolov was killed».
DEATH_AFTER = re.compile(
    r"\b(?:погиб(?:л[аио])?|погибнет|скончал(?:ся|ась|ись)|умер(?:л[аи])?|пал[иа]?\s+(?:смертью|в\s+бою|геро)|"
    r"убит[аы]?|был[аи]?\s+убит\w*|сложил\w*\s+голов\w*|отдал\w*\s+(?:сво\w+\s+)?жизн\w*|"
    r"предан\w*\s+земле|расстрелян[аы]?|расстр(?=\.)|казн[её]н[аы]?|"
    r"приговор\w*\s+к\s+(?:ВМН|ВМСЗ|высшей\s+мер\w*|расстрелу)|"
    r"не\s+вернул\w*|ушл?[иа]?\s+из\s+жизни|получил\w*\s+смертельн\w*|оборвал\w*\s+жизн\w*|"
    r"died|was\s+killed|were\s+killed|killed|perished|fell\s+in|lost\s+his\s+life|"
    r"funeral|was\s+buried|was\s+laid\s+to\s+rest|"
    r"ultimate\s+sacrifice|gefallen|fiel|getötet|starb|ums\s+leben|"
    r"zginął|zginęli|poległ\w*)\b",
    _I,
)
# Died of his wounds is death; wounded alone is not.
_WOUNDS_FATAL = r"(?<!смертельное\s)(?<!смертельного\s)(?<!тяжелых\s)(?<!тяжёлых\s)"
ALIVE = re.compile(
    r"\b(?:ранен(?:ы|ый|ого|ым)?\b|"
    + _WOUNDS_FATAL
    + r"ранени[еяй]\b(?!\s*,?\s*(?:от\s+котор|несовместим))|выжил\w*|"
    r"жив(?:ой|ым|ого)?\b|в\s+плену|в\s+плен\b|из\s+плена|пропал\w*\s+без\s+вести|"
    r"без\s+вести\s+пропавш\w*|числит\w*\s+пропавш\w*|опроверг\w*|не\s+подтвержд\w*|"
    r"не\s+был[аи]?\s+подтвержден\w*|считали\s+погибш\w*|вернул\w*\s+домой|в\s+отпуске|"
    r"невредим\w*|ампутир\w*|протез\w*|инвалид\w*|вышел\w*\s+на\s+связь|"
    r"wounded|injured|survived|captured|missing\s+in\s+action|verletzt|verwundet|ranny|"
    r"ranni)",
    _I,
)
# Another war: a man who fell there is not one of this war's dead. A war named is enough
# («Великой Отечественной», «афганской войны»); a place of an older war is one only where he
# fell or fought there («погиб в Грозном», «в боях в Сирии»), not where he was born.
_OLD_WAR_PLACE = (
    r"(?:в|во|под)\s+(?:Чечн\w+|Чеченской\s+Республик\w+|Грозном|Сири[иью]|"
    r"Нагорном\s+Карабахе|Мали|Ливии|Таджикистане|Дагестане\s+в\s+1999)|"
    r"на\s+Северном\s+Кавказе|in\s+(?:Chechnya|Syria|Syrien|Mali)"
)
_FIGHTING = (
    r"(?:погиб\w*|гибел\w*|убит\w*|скончал\w*|пал[аи]?|павш\w*|подорвав\w*|"
    r"боев\w*|бо[йяюи]\b|боях|спецзадани\w*|штурм\w*|воевал\w*|сражал\w*|"
    r"не\s+вернул\w*|не\s+стало|died|killed|fell|gefallen|getötet|starb)"
)
# Deaths in an older war's place: «погиб в Грозном», «Бойцов не стало … в Мали».
FELL_IN_OLD_WAR = re.compile(
    r"\b" + _FIGHTING + r"(?:\s+[\w.,-]+){0,6}?\s+(?:" + _OLD_WAR_PLACE + r")"
    r"|(?:" + _OLD_WAR_PLACE + r")\s+(?:[\w.-]+\s+){0,3}?" + _FIGHTING,
    _I,
)
_NAMED_WAR = (
    r"\b(?:Великой\s+Отечественной|годы\s+войны|ВОВ\b|194[15]\s*[-–—]\s*194[15]|"
    r"(?:афганск|чеченск|сирийск)\w+\s+(?:войн|кампани|конфликт)\w*|"
    r"первой\s+чеченской|второй\s+чеченской|контртеррористическ\w+\s+операци\w*|"
    r"в\s+Афганистан\w*|in\s+Afghanistan|"
    r"Zweiten\s+Weltkrieg|World\s+War|Second\s+World|Weltkrieg|II\s+wojn\w+)\b"
)
OTHER_WAR = re.compile(_NAMED_WAR + "|" + FELL_IN_OLD_WAR.pattern, _I)
# A text that names an older war's place and nothing of this war is about the older war.
OLD_WAR_ANYWHERE = re.compile(r"\b(?:" + _OLD_WAR_PLACE + r")\b|" + OTHER_WAR.pattern, _I)
# This war: a text about another war may mention it, a text about this one does.
THIS_WAR = re.compile(
    r"\b(?:СВО|спецопераци\w*|специальн\w+\s+(?:военн\w+\s+)?операци\w*|на\s+Украине|"
    r"в\s+Украине|Донбасс\w*|ДНР|ЛНР|Херсон\w*|Запорож\w*|Бахмут\w*|Авдеевк\w*|"
    r"Курской\s+области|Kursk|Ukraine|Ukrainian|Ukraine-Krieg|Sonderoperation|Ukrainie)\b",
    _I,
)
# The dead of the other side: Ukraine's soldiers, foreign volunteers for Ukraine.
UKRAINIAN_SIDE = re.compile(
    r"\b(?:защищая\s+Украину|за\s+(?:территориальную\s+)?целостность\s+Украины|"
    r"российск\w+\s+оккупант\w*|ВСУ\s+Донецкого|"
    r"киборг\w*|Цензор\.НЕТ|Герой\s+Украины|сине-желт\w*|"
    r"Ukrainians?\s+honou?r|Ukrainian\s+(?:soldier|fighter|major|private|serviceman|army|"
    r"volunteer)\w*|(?:fighting|battle)\s+(?:against|to\s+retake)\s+\w*\s*(?:from\s+a\s+)?"
    r"Russian|yellow\s+and\s+blue|Ukrainer\w*|ukrainisch\w*\s+Soldat\w*|russischen\s+Einmarsch\w*|"
    r"russischen\s+Invasion|Legion\w*\s+Międzynarodow\w*|pod\s+flagą\s+Ukrainy|ochotni\w+)\b",
    _I,
)
RUSSIAN_SIDE = re.compile(
    r"\b(?:СВО|спецопераци\w*|специальн\w+\s+военн\w+\s+операци\w*|участник\w*\s+СВО|"
    r"Russian\s+(?:soldier|serviceman|servicemen|troops|paratrooper)\w*|"
    r"russisch\w+\s+(?:Soldat|Gefallen|Armee|Streitkr)\w*|Sonderoperation|"
    r"rosyjsk\w+\s+żołnierz\w*)\b",
    _I,
)

# Offices and callings of the living, before or beside a name («глава района Иван Петров»).
OFFICE = re.compile(
    r"(?:глав[аеуы]|главой|губернатор\w*|врио|и\.\s?о\.|исполняющ\w+|мэр|мэра|мэру|мэром|мэре|мэры|градоначальник\w*|"
    r"сити-менеджер\w*|министр\w*|замминистр\w*|вице-премьер\w*|премьер\w*|депутат\w*|"
    r"сенатор\w*|президент\w*|председател\w*|спикер\w*|пресс-секретар\w*|представител\w*|"
    r"директор\w*|руководител\w*|заместител\w*|замглав\w*|начальник\w*|военком\w*|"
    r"комиссар\w*|омбудсмен\w*|уполномоченн\w*|постпред\w*|полпред\w*|атаман\w*|раис\w*|"
    r"священник\w*|протоиере\w*|иере\w*|иеромонах\w*|настоятел\w*|митрополит\w*|епископ\w*|"
    r"муфти\w*|имам\w*|корреспондент\w*|корреспонденту|журналист\w*|блогер\w*|"
    r"обозревател\w*|редактор\w*|фотограф\w*|продюсер\w*|режисс[её]р\w*|музыкант\w*|"
    r"певц\w*|певец|писател\w*|поэт\w*|политолог\w*|эксперт\w*|аналитик\w*|основател\w*|"
    r"сопредседател\w*|координатор\w*|командующ\w*|главнокомандующ\w*|генерал\w*|"
    r"ветеран\w*|кавалер\w*|им\.|"
    r"governor|mayor|minister|president|spokes\w*|head|chief|priest|reporter|correspondent|"
    r"Bürgermeister\w*|Gouverneur\w*|Minister\w*|Präsident\w*|burmistrz\w*|gen\.)",
    _I,
)
# The kin and friends who speak of the dead.
KIN = re.compile(
    r"(?:отец|отца|отцу|отчим\w*|дед\w*|дедушк\w*|супруг\w*|родител\w*|сослуживц\w*|сослуживец|товарищ\w*|"
    r"друг\w*|учител\w*|тренер\w*|сосед\w*|одноклассник\w*|ученик\w*|ученица\w*|"
    r"ученикам|ученики|friend|comrade|father)",
    _I,
)
# Who writes or takes the picture: «Фото: Артем Пряхин», «Автор: …», «By …».
CREDIT = re.compile(
    r"(?:фото|автор|текст|репортаж|источник|by|photo|author\W?s\s+name|©)"
    r"(?:\s+предоставлен\w*)?\s*[:.]?\s*$",
    _I,
)
# A man who speaks or acts is alive: «Иван Петров рассказал», «сообщил глава района Х».
SPEAKS_AFTER = re.compile(
    r"^\s*(?:,[^,]{0,60},\s*)?(?:[-–—]\s*[^-–—]{0,60}[-–—]\s*)?(?:\w+\s+){0,2}?"
    r"(?:рассказал\w*|сообщил\w*|сообщает|отметил\w*|выразил\w*|заявил\w*|подчеркнул\w*|"
    r"написал\w*|пишет|поблагодарил\w*|вручил\w*|передал\w*|наградил\w*|посетил\w*|"
    r"побывал\w*|провел\w*|провёл\w*|помог\w*|встретил\w*|обратил\w*|пообещал\w*|"
    r"объявил\w*|поделил\w*|вспоминает|говорит|сказал\w*|добавил\w*|опроверг\w*|уточнил\w*|"
    r"пояснил\w*|возложил\w*|почтил\w*|принес\w*|принёс\w*|поздравил\w*|открыл\w*|"
    r"предложил\w*|попросил\w*|призвал\w*|показал\w*|принял\w*\s+решени\w*|приняла|"
    r"считает|уверен|гордится|находится|служит|воюет|"
    r"said|says|told|wrote|gave|spoke|attended|sagte|erklärte|schrieb|gab|sprach|"
    r"powiedział)\b",
    _I,
)
# The first of two men who speak together: «Игорь Тума и якутский краевед Ксенофонт Васильев
# рассказали …».
SPEAK_TOGETHER = re.compile(
    r"^\s*и\s+(?:[\w-]+\s+){0,4}?[А-ЯЁ][\w-]+(?:\s+[А-ЯЁ][\w-]+){0,2}\s+(?:рассказали|"
    r"сообщили|отметили|заявили|подчеркнули|выразили|поблагодарили|вручили|передали|"
    r"возложили|почтили|приняли|выступили|посетили|said|told)\b"
)
SPEAKS_BEFORE = re.compile(
    r"(?:рассказал\w*|сообщил\w*|сообщает|отметил\w*|заявил\w*|подчеркнул\w*|написал\w*|"
    r"пишет|сказал\w*|добавил\w*|пояснил\w*|уточнил\w*|передал\w*|говорит|вспоминает|"
    r"обратил\w*|попросил\w*|предложил\w*|said|says|told|wrote|sagte|erklärte|schrieb)"
    r"[\s,]+(?:(?!что\b|как\b|о\b|об\b|про\b|that\b)[а-яёa-z-]+\s+){0,5}$",
    _I,
)
# A name after «им.» is a school's or a unit's namesake, mostly of an older time («СОШ №4 им.
# Т.Г. Шевченко»); «имени» names streets after this war's dead too, so it says nothing.
NAMESAKE = re.compile(r"\bим\.\s*$", _I)
# Who came to a ceremony is alive: «Церемонию посетили глава округа Дмитрий Ожиганов».
ATTENDS = re.compile(
    r"\b(?:присутствовал\w*|присутствующ\w*|собрал(?:ись|ось)|пришл[иа]|посетил\w*|"
    r"приняли\s+участие|принял\w*\s+участие|участвовал\w*|выступил\w*)\b",
    _I,
)
# Whose order, decree or words a name follows: «по приказу Владимира Путина», «по словам …».
AGENT = re.compile(
    r"\b(?:по\s+приказу|по\s+указу|указом|по\s+распоряжению|по\s+инициативе|по\s+решению|"
    r"по\s+словам|по\s+данным|auf\s+Geheiß\s+von|by\s+order\s+of|according\s+to)"
    r"\s+(?:[\w.-]+\s+){0,3}$",
    _I,
)
# A son, a brother, a husband named by his family is the man they mourn: «Мой сын, Сергей …».
DEAR = re.compile(
    r"\b(?:сын|сына|сыну|сынок|сыночек|брат|брата|брату|братик|муж|мужа|мужу|внук|внука|"
    r"племянник\w*|son|brother|husband)\s*[,—–-]?\s*$",
    _I,
)
# The family of a man named in the genitive speaks of him: «родственники Даниила Чистякова».
FAMILY_OF = re.compile(
    r"\b(?:родственник\w*|родн(?:ые|ым|ых)|близки[ем]\w*|семь[яеию]|матер[иь]|мать|мам[аеуы]|"
    r"вдов[аеуы]|отц[ау]|сестр[аеуы]|брат[ау]?|дочер[иь]|сын[ау]?|супруг[аеиу]|"
    r"родственникам|родным|семьям|семье|матерям|вдовам)\s+(?:[а-яё-]+\s+){0,2}$",
    _I,
)
# An award in a sentence that does not say «posthumously» is a living man's.
AWARD = re.compile(
    r"\b(?:наград\w+|удостоен\w*|удостои\w+|вручен\w*|вручил\w*|присвоен\w*|присвоил\w*|"
    r"awarded|ausgezeichnet)\b",
    _I,
)
# «посмертно», or an award handed to the family: «Награды передали родственникам рядовых …»
POSTHUMOUS = re.compile(
    r"\b(?:посмертн\w*|posthum\w*|(?:передал\w*|вручил\w*|вручен\w*|передан\w*)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:родственник\w*|родн\w+|семь\w+|матер\w+|мам\w+|вдов\w+|"
    r"супруг\w+|близк\w+|отц\w*|сестр\w+|дочер\w*))",
    _I,
)
# Soldiers' words before a name: in a text about the dead, a soldier named is likely one.
SOLDIER = re.compile(
    r"(?:военнослужащ\w+|бойц\w*|боец|солдат\w*|воин\w*|героя|герою|героем|геро[ея]м?|"
    r"участник\w*|добровол\w+|мобилизованн\w+|контрактник\w*|срочник\w*|земляк\w*|"
    r"десантник\w*|танкист\w*|разведчик\w*|снайпер\w*|стрел\w+|командир\w*|"
    r"soldier|serviceman|paratrooper|Soldat\w*|"
    r"рядов\w+|ефрейтор\w*|сержант\w*|лейтенант\w*|капитан\w*|майор\w*|подполковник\w*|"
    r"полковник\w*|матрос\w*|мичман\w*|прапорщик\w*|старшин\w*|гвардии|private|sergeant|"
    r"lieutenant|captain|major|colonel|Feldwebel|Stabsfeldwebel|Gefreite\w*|Leutnant|Hauptmann)",
    _I,
)
# What may stand between two names of one list: commas, «и», «а также», a bracket.
LIST_GLUE = re.compile(
    r"(?:[\s,;:]|\bи\b|\bа\s+также\b|\bа\b|\band\b|\bund\b|\boraz\b|\([^()]{0,60}\))+"
)
