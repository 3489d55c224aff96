"""The MT packs on unseen paragraphs from four source languages: recall on translated copy, silence on native copy."""
from __future__ import annotations

import pytest

from auditor.config import Config
from auditor.documents import Document
from auditor.engine import Engine

# Paragraphs in the manner of machine translation from French, Russian/Ukrainian, German and
# Spanish, on stories unlike the seeds and the other test paragraphs; every span an English editor
# would change is marked [[like this]], whether or not a rule covers it.
# Measured unseen: before any rule was written for them, the MT packs found 20 of the 126 marked
# spans (recall 0.159) with 3 findings outside the marks (MTU009 'air alarm' and MTF024
# 'spokeswoman of', both real artifacts left unmarked, and MTR023 'The Central Bank of Russia').
# They were then used to extend the packs.
MEASURED_UNSEEN = [
    # French
    'The frost [[of the last days]] destroyed [[near to]] [[40 %]] of the vines in Burgundy, according to '
    'the wine trade body. "We have never seen that", [[confides]] Pierre Martin, [[viticulturist]] in '
    'Meursault [[since 30 years]]. The Minister of Agriculture promised [[an envelope of]] [[20 millions of '
    'euros]] to the [[exploitants]] [[touched]].',

    '[[The hospital centre of Rouen]] was [[victim of]] a [[computer attack]] [[in the night of Friday to '
    'Saturday]], [[obliging]] the staff to work on paper. A complaint [[was deposed]] and the [[ANSSI]] '
    'was [[seized]], [[precised]] the management. "No ransom will be paid", [[assured the director]], '
    '[[M.]] Lefebvre, who evoked [[a return to the normal]] [[within a delay of]] two weeks.',

    'The prices of [[the old]] fell by [[3,2 %]] [[on one year]] in [[the third trimester]], according to '
    'the notaries of France. In Paris, the square metre now [[is worth]] [[9 500 €]]. The [[rates of '
    'credit]] [[at 20 years]] [[stabilise themselves]] around [[4 %]], [[indicates the broker]] Cafpi, '
    'which [[anticipates]] a [[reprise]] of sales [[from the spring]].',

    # Russian and Ukrainian
    '[[In the Amur region]] rescuers [[continue to conduct]] [[search works]] at the Pioneer mine, where 13 '
    'miners [[were blocked]] after a [[collapse of rock]]. [[As reported in]] the regional [[MChS]], contact '
    'with them [[is absent]]. [[On the place]] [[work]] more than 200 specialists. [[The governor of the '
    'Amur region]] Vasily Orlov [[declared]] that the search [[will be continued]] [[around the clock]].',

    'The Central Bank of Russia [[took the decision]] to raise the key rate to 16%. [[As noted in]] the '
    "regulator's [[press release]], inflationary pressure remains high. [[Earlier]] [[the head of the "
    "Central Bank]] Elvira Nabiullina [[declared]] that the regulator is ready to tighten [[the "
    "monetary-credit policy]]. [[The rate of the ruble]] against the dollar [[constituted]] [[97,5]] "
    'rubles.',

    '[[Ukrzaliznytsia]] [[appoints]] an additional train [[in the direction of]] Przemysl [[on the '
    'occasion of]] the holidays, [[informs]] the press service of the company. Tickets [[can be '
    'purchased]] [[on the site]] and in the mobile application. [[The cost of the trip]] [[constitutes]] '
    '[[from 850 UAH]]. [[In case of]] an air alarm, passengers [[must follow]] to the shelter.',

    # German
    "[[Bavaria's Ministry President]] Markus Söder has criticised the federal government again. "
    "[[„The coalition has failed“]], said the [[CSU-boss]] on Sunday in Munich. According to a survey "
    "[[of the ARD]], [[only still]] 19 percent of the Germans are satisfied with the government. The "
    "[[SPD-Chancellor]] Olaf Scholz [[meant]] [[meanwhile]], the coalition will hold until the end of the "
    "[[legislature period]].",

    'In Cologne, a 27-year-old cyclist [[has been]] seriously injured on Tuesday evening. [[According to '
    'police information]], a lorry driver had [[overlooked]] the woman while turning right at around '
    '[[18.30 Uhr]]. [[The police is searching]] for witnesses. [[In the year 2023]], 14 cyclists died in '
    'traffic accidents in the city, [[so a spokesman]].',

    'The German economy [[has shrunk]] in the second quarter by [[0,1 Prozent]], the Federal Statistical '
    'Office announced on Tuesday in Wiesbaden. Economists had [[reckoned with]] [[a stagnation]]. Above all '
    'the [[private consumption]] weakened. The [[Ifo-Institute]] expects for the whole year [[a minus of]] '
    '[[0,3 percent]].',

    # Spanish
    'The Catalan government declared [[this Tuesday]] the drought emergency in 202 municipalities, after '
    'the reservoirs fell to [[the 16%]] of their capacity. [[The also]] spokeswoman of the Govern, '
    'Patricia Plaja, [[assured]] [[in declarations to]] the press that the measures [[will suppose]] a '
    'reduction of the consumption [[of the 25%]]. The restrictions will enter into force [[the 1 of '
    'February]].',

    'The president Javier Milei [[announced this Wednesday]] a [[paquete]] of measures to reduce the '
    'deficit, after inflation closed 2023 at [[211,4%]]. The Government will eliminate subsidies worth '
    '[[3.000 millions]] of dollars, [[informed]] [[the also]] Minister of Economy, Luis Caputo, who '
    '[[realized]] the announcement [[in a press conference]] [[the past Tuesday]].',

    '[[The Real Madrid]] won [[the party]] against [[the Sevilla]] [[by 2 goals to 1]] with a goal of '
    'Vinícius [[in the minute 85]]. [[The Italian coach]] Carlo Ancelotti [[declared]] after the meeting '
    'that his team [[deserved the victory]]. With this result, the [[white team]] [[sums]] 58 points and '
    '[[is leader]] of the [[classification]].',
]

RECALL_MEASURED = 0.66


# Native English news copy on the same stories: the MT packs must stay silent.
NATIVE = [
    "Frost last week destroyed nearly 40% of the vines in Burgundy, the wine trade body said. "
    "Agriculture Minister Marc Fesneau promised 20 million euros to affected growers.",

    "Rouen's hospital was hit by a cyberattack on Friday night, forcing staff to work on paper. "
    "The hospital filed a complaint and called in the national cybersecurity agency.",

    "Russia's central bank raised its key rate to 16% on Friday, saying inflationary pressure "
    "remained high. The rouble's exchange rate against the dollar was 97.5.",

    "Amur region Governor Vasily Orlov said the search operation at the Pioneer mine would go on "
    "around the clock. Contact with the 13 miners has been lost.",

    "Police are appealing for witnesses after a lorry driver failed to see a cyclist while turning "
    "right at around 6:30 p.m. on Tuesday, a spokesman said.",

    "The German economy shrank 0.1% in the second quarter, the statistics office said on Tuesday. "
    "Economists had expected stagnation.",

    "The Catalan government declared a drought emergency on Tuesday after reservoirs fell to 16% "
    "of capacity. The measures will mean a 25% cut in consumption, spokeswoman Patricia Plaja said.",

    "Real Madrid beat Sevilla 2-1 with a Vinicius goal in the 85th minute, and lead the standings "
    "with 58 points. Real Madrid coach Carlo Ancelotti said his side deserved to win.",
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Config(select=["MT"]))


def _expected(marked: str) -> tuple[str, list[tuple[int, int]]]:
    text, spans, pos = "", [], 0
    while (start := marked.find("[[", pos)) >= 0:
        end = marked.index("]]", start)
        text += marked[pos:start]
        spans.append((len(text), len(text) + end - start - 2))
        text += marked[start + 2:end]
        pos = end + 2
    return text + marked[pos:], spans


def _measure(engine: Engine, paragraphs: list[str]) -> tuple[int, int, int]:
    hit = total = extra = 0
    for marked in paragraphs:
        text, spans = _expected(marked)
        found = engine.audit([Document.from_text(text, path="a.txt")]).documents[0].findings
        total += len(spans)
        hit += sum(any(f.start < e and s < f.end for f in found) for s, e in spans)
        extra += sum(not any(f.start < e and s < f.end for s, e in spans) for f in found)
    return hit, total, extra


def test_recall_on_the_measured_unseen_paragraphs(engine):
    hit, total, extra = _measure(engine, MEASURED_UNSEEN)
    assert total == 126
    assert hit / total >= RECALL_MEASURED, f"recall {hit}/{total}"
    assert extra <= 3


@pytest.mark.parametrize("text", NATIVE)
def test_silence_on_native_copy(engine, text):
    found = engine.audit([Document.from_text(text, path="a.txt")]).documents[0].findings
    assert not found, [(f.rule, text[f.start:f.end]) for f in found]
