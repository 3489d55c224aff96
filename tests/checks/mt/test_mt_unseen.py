"""The MT packs on unseen paragraphs from four source languages: recall on translated copy, silence on native copy."""
from __future__ import annotations

import pytest

from auditor.config import Config
from auditor.documents import Document
from auditor.engine import Engine

from conftest import unmark as _expected

# Paragraphs in the manner of machine translation from French, Russian/Ukrainian, German and
# Spanish, on stories unlike the seeds and the other test paragraphs; every span an English editor
# would change is marked [[like this]], whether or not a rule covers it.
# Measured unseen: before any rule was written for them, the MT packs found 20 of the 126 marked
# spans (recall 0.159) with 3 findings outside the marks (MTU009 'air alarm' and MTF024
# 'spokeswoman of', both real artifacts left unmarked, and MTR023 'The Central Bank of Russia').
# They were then used to extend the packs; after: 99 of 126 (0.786), the same 3 extra findings.
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

RECALL_MEASURED = 0.78

# Held out: written with the set above, before the rules, and not run through the packs until the
# rules were done (a few rules were still written with its stories in mind). Before: 16 of 109
# marked spans (0.147), no extra finding; after: 54 of 109 (0.495), one extra finding (MTE041 on
# the article of 'The Atletico of Madrid', a real artifact left outside the mark).
HELD_OUT = [
    # French
    'The mayor of Lyon [[presented this Monday]] his plan [[of]] vegetalisation of the city centre, which '
    '[[foresees]] the planting of [[15 000]] trees [[from here to]] 2030. The project, [[estimated to]] '
    '[[45 millions of euros]], [[provokes]] the anger of the [[commercants]], who fear [[a fall of]] their '
    '[[chiffre]] of business. "[[It is]] a choice of society", [[defended the mayor]].',

    'A fire [[of great ampleur]] ravaged [[near of]] [[2 000 hectares]] of forest in the Var [[in the night '
    'of Wednesday to Thursday]]. More than 600 firefighters were mobilised, [[precised the '
    'prefecture]]. [[The circulation]] was cut on the A8 motorway and [[a hundred of]] campers were '
    'evacuated. The [[Minister of the Interior]] will [[go himself]] on the spot Friday.',

    'The [[Court of cassation]] [[validated]] Tuesday the [[licensing]] of a [[salaried]] who had '
    '[[denigrated]] his employer on the social networks. [[The high jurisdiction]] [[estimated]] that the '
    'messages exceeded the freedom of expression. The [[syndicates]] regret a decision [[which '
    'risks]] to [[muzzle]] the [[salaried]].',

    # Russian and Ukrainian
    'In Yakutia the air temperature [[lowered]] to minus 58 degrees, [[in connection with which]] '
    'classes in schools were cancelled for pupils [[of 1-9 classes]]. [[As informed]] [[in the '
    'ministry of education of the republic]], the decision was taken [[taking into account]] the '
    'recommendations of doctors. Residents [[are recommended]] to refrain from long walks.',

    'The State Duma adopted [[in the first reading]] a bill on [[the increase of]] fines for '
    'violation of [[the rules of road traffic]]. According to the document, the fine for '
    'speeding [[will constitute]] up to [[10 thousand]] rubles. [[The author of the initiative]], '
    '[[the deputy]] Ivan Petrov, explained that the measure [[is directed at]] reducing accidents.',

    '[[In Kharkiv was opened]] an underground school for 1,000 pupils. [[As informed]] [[the '
    'mayor of the city]] Ihor Terekhov, classes will take place in two shifts. The '
    'construction was financed [[at the expense of]] the city budget and international '
    'partners. [[Earlier]] in the city already [[functioned]] classes in the metro.',

    # German
    "The [[Federal Minister of Health]] Karl Lauterbach (SPD) wants to reform the hospitals. "
    "[[„We must act now“]], he said [[at the Tuesday]] in Berlin. Criticism comes from the "
    "[[Länder]]: the health ministers of [[the Union-led]] states fear the closure of [[clinics]] "
    "in rural areas. The reform [[shall]] enter into force [[on 1. January]] 2025.",

    '[[The Deutsche Bahn]] [[has]] in the past year a loss of [[2,4 Mrd.]] euros [[made]]. Only 64 '
    'percent of the long-distance trains [[were punctual]], [[so the]] [[Bahn-chief]] Richard Lutz. '
    'The GDL has [[meanwhile]] new strikes [[announced]]; the [[Federal Transport Minister]] '
    'Volker Wissing (FDP) appealed to both sides.',

    'In Hamburg, [[the police has]] taken a 19-year-old into custody on Friday. The young man is '
    'suspected [[to have]] attacked a 52-year-old with a knife [[in a S-Bahn]]. The victim had to be '
    'treated [[stationary]] in [[a clinic]]. [[The background of the act]] is [[so far]] unclear, '
    '[[informed]] a [[police speaker]].',

    # Spanish
    'The Government of Pedro Sánchez [[approved this Tuesday]] in the Council of Ministers the '
    '[[reduction of the working day]] to [[37,5]] hours weekly. The [[also]] [[vicepresident]] Yolanda Díaz '
    'celebrated the measure, which will benefit [[to]] [[12 millions]] of workers. The '
    '[[patronal]] CEOE rejected the reform [[in a communicated]].',

    'A strong earthquake of magnitude [[7,4]] shook [[this Sunday]] the south of Mexico, '
    'leaving at least three dead, [[informed]] the National Seismological Service. The president '
    '[[assured]] through [[his account of X]] that [[there are not]] [[major damages]]. The '
    'inhabitants [[went out to the streets]] in [[pijamas]].',

    'The [[Atletico of Madrid]] fell [[in his stadium]] [[before the Getafe]] [[by 0-2]] in a '
    '[[party]] of the [[day 20]] of LaLiga. The Argentine coach Diego Simeone [[recognized]] '
    'in the [[rueda de prensa]] that his team did not have [[its day]]. The rojiblancos remain '
    '[[in the fourth position]].',
]

RECALL_HELD_OUT = 0.49

# Written after the rules were finished and measured once: the fairest figure for unseen copy.
# Before: 12 of 69 (0.174), one extra finding; after: 21 of 69 (0.304), one extra finding
# (MTF119 on the article of 'The SNCF', a real artifact left outside the mark).
WRITTEN_AFTER = [
    # French
    'The SNCF will [[put in circulation]] [[from the 10 June]] a new TGV between Paris and Bordeaux, '
    'announced Tuesday the [[president of the SNCF]], Jean-Pierre Farandou. The [[tariffs]] will '
    '[[augment]] [[of]] [[2,5 %]] on average, a [[hausse]] that the [[associations of users]] [[judge]] '
    '"unacceptable" [[in a context of]] inflation.',

    '[[A child of 8 years]] was [[grievously]] wounded Saturday afternoon in Nantes, [[knocked]] by a '
    'car whose driver [[took the flight]]. An investigation was opened for [[involuntary wounds]], '
    '[[indicated the parquet]]. The police [[launches]] [[a call to witnesses]].',

    # Russian / Ukrainian
    '[[In Novosibirsk completed]] the construction of a new bridge across the Ob. [[As '
    'reported]] [[the mayor\'s office]], traffic on it will be opened in December. [[The '
    'total cost of the object]] [[constituted]] 38 billion rubles. Earlier [[the governor Andrei '
    'Travnikov]] called the bridge "the most important [[object]] of the decade".',

    '[[On the territory of]] the Lviv region [[the day before]] [[was fixed]] a record amount of '
    'precipitation. [[As a result were flooded]] more than 50 [[private houses]], [[informs the '
    'State Emergency Service]]. Rescuers pumped out over [[2 thousand]] cubic metres '
    'of water. [[Victims there are no]].',

    # German
    'The [[Federal Government]] [[has]] on Wednesday the [[Heating Law]] [[decided]]. [[After]] the '
    'plans of Economy Minister Robert Habeck (Greens) [[shall]] from 2024 every newly installed '
    'heating be operated [[to 65 percent]] with renewable energies. The [[Union]] [[spoke of]] a '
    '"heating hammer".',

    'In Frankfurt, a [[43-year-old]] [[has]] robbed a kiosk [[on Monday night]]. '
    '[[According to the police]], the man threatened the [[saleswoman]] with a pistol and fled '
    'with [[around 800 Euro]]. The [[Kripo]] [[asks]] the population [[for hints]].',

    # Spanish
    'The Government of Mexico [[announced this Monday]] the construction of a new refinery '
    'in the state of Tabasco, which [[will count with]] an investment of [[8.000 millions]] of '
    'dollars. [[The secretary of Energy]], Rocío Nahle, [[assured]] that the project will generate '
    'more than [[20.000]] jobs.',

    '[[The Barça]] sealed [[this Saturday]] its [[pass]] to the final of the Copa del Rey after '
    'beating [[by 3-0]] [[to the]] Athletic. Lewandowski opened the scoring [[in the minute 12]] '
    'and Pedri [[sentenced]] [[in the second part]]. [[The azulgranas]] will face [[the Real Madrid]] '
    '[[the next 6 of April]].',
]

RECALL_WRITTEN_AFTER = 0.30


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


def _measure(engine: Engine, paragraphs: list[str]) -> tuple[int, int, int]:
    hit = total = extra = 0
    for marked in paragraphs:
        text, spans = _expected(marked)
        found = engine.audit([Document.from_text(text, path="a.txt")]).documents[0].findings
        total += len(spans)
        hit += sum(any(f.start < e and s < f.end for f in found) for s, e in spans)
        extra += sum(not any(f.start < e and s < f.end for s, e in spans) for f in found)
    return hit, total, extra


@pytest.mark.parametrize("paragraphs,marks,recall,extras", [
    (MEASURED_UNSEEN, 126, RECALL_MEASURED, 3),
    (HELD_OUT, 109, RECALL_HELD_OUT, 1),
    (WRITTEN_AFTER, 69, RECALL_WRITTEN_AFTER, 1),
], ids=["measured", "held-out", "written-after"])
def test_recall_and_extra_findings_on_unseen_paragraphs(engine, paragraphs, marks, recall, extras):
    hit, total, extra = _measure(engine, paragraphs)
    assert total == marks
    assert hit / total >= recall, f"recall {hit}/{total}"
    assert extra <= extras


@pytest.mark.parametrize("text", NATIVE)
def test_silence_on_native_copy(engine, text):
    found = engine.audit([Document.from_text(text, path="a.txt")]).documents[0].findings
    assert not found, [(f.rule, text[f.start:f.end]) for f in found]
