"""The French MT pack on unseen paragraphs: recall on machine-translated copy, silence on native copy."""
from __future__ import annotations

import pytest

from auditor.config import Config
from auditor.documents import Document
from auditor.engine import Engine
from auditor.packs import load_rules
from conftest import unmark

# Paragraphs written in the manner of machine-translated French agency copy. Each artifact an
# English editor would change is marked [[like this]]; none of the sentences comes from the seeds.
MT_FROM_FRENCH = [
    "[[The President of the Republic Emmanuel Macron]] received on Monday at the Elysee the "
    "[[Minister of Foreign Affairs of Germany]], who came [[to speak with]] him about the war. The two "
    "leaders [[evoked]] the possibility of new sanctions against Moscow, [[according to our information]]. "
    "The talks take place [[in the framework of]] the Franco-German council, which [[reunited]] forty "
    "ministers. [[A responsible]] of the Quai d'Orsay [[precised]] that no decision had been taken.",

    "[[A man of 45 years]] was [[interpellated]] on Saturday evening in Marseille after an "
    "[[identity control]], announced [[the forces of order]]. He is [[actually]] in police custody. "
    "[[According to the same source]], the suspect had been [[condemned to]] three years in prison in "
    "2019. The prosecutor's office will [[proceed to the hearing of]] witnesses. The attack took "
    "place at [[18h30]] [[in full centre]] of the city, near a [[library]] that sold signed copies of "
    "the author's novel for [[22 €]].",

    "The carmaker announced on Thursday [[the suppression of jobs]] at three plants, a [[deception]] "
    "for the [[syndicates]], who denounce an [[important]] number of departures [[since two years]]. "
    "The [[Minister of the Economy of France]] said growth [[previsions]] had been cut to [[0,8]] %. "
    "[[Some tens of]] workers [[manifested]] in front of the headquarters.",

    "The [[takeoff]] of the Ariane 6 rocket, scheduled for the [[1er]] March, was postponed. "
    "[[Face to]] Spain, the French team lost a [[deceptive]] match that the sports minister "
    "[[assisted at]] with [[M. Dupont]]. The coach did not hide his [[deception]]. "
    "[[The boss of]] the anti-doping agency [[congratulated himself on]] the tests, which were "
    "carried out [[these last years]] by a [[cabinet of lawyers]].",

    # Written after the first rules, measured unseen, then used to extend them.
    'The Prime Minister announced on Wednesday [[the putting in place of]] a new aid for the farmers, '
    'whose anger does not weaken. "[[It is about]] a historic effort", he declared in a [[conference '
    "of press]], [[precising]] that the measure will cost [[400 millions of euros]]. The farmers' "
    'unions, which [[manifest]] [[since three weeks]], [[judge]] the announcements insufficient. The '
    '[[Minister of the Agriculture]], Marc Fesneau, will receive their representatives Thursday at '
    '[[15h]].',

    'Violent storms hit the south-west of France [[in the night of Sunday to Monday]], causing '
    '[[important]] damages and [[depriving of electricity]] some [[80 000]] homes, according to '
    'Enedis. [[A woman of 72 years]] died crushed by a tree in the Gironde. The prefect activated the '
    '[[red vigilance]] and asked the inhabitants to limit their [[displacements]]. "The situation '
    'remains very [[sensible]]", [[underlined]] the Minister of the Interior, Gerald Darmanin, who '
    'went on the spot Monday.',

    'The ex-president Nicolas Sarkozy was [[condemned]] Wednesday by the [[court of appeal of Paris]] '
    'to one year of [[prison firm]] for the illegal financing of [[his campaign of 2012]]. His lawyer '
    'announced that he would form a [[pourvoi]] in cassation. The former head of State, who contests '
    '[[the totality of]] the facts, had been [[judged]] in the autumn with thirteen other persons.',

    'The Minister of Health, François Braun, announced on Tuesday the reinforcement of the '
    'vaccination campaign against the flu, [[face to]] an epidemic which progresses rapidly. "We '
    'observe an [[increase of]] the hospitalizations in [[the ensemble of the]] regions", he '
    '[[indicated]] during his [[displacement]] in Lyon. The hospitals, already [[in tension]], [[lack '
    'of]] personnel. The [[syndicates]] of nurses [[call to a strike]] on [[the 12 December]].',

    'The [[realisator]] Jacques Audiard, whose [[last film]] was awarded at Cannes, will be honoured '
    'by the Cinémathèque française. The retrospective, which will take place [[from the 5 to the 20 '
    'March]], will present [[the ensemble of]] his work. "It is a [[chance]] for the young generation '
    'to discover his films", [[estimated]] the director of the institution. The tickets are available '
    'in the [[libraries]] of the [[network Fnac]] at the price of [[8 €]].',

    'The head of [[the French diplomacy]], Catherine Colonna, will [[go Thursday]] to Kyiv, where she '
    'will be received by the President Volodymyr Zelensky. She will [[announce there]] an additional '
    "aid of 200 [[millions of]] euros, [[precised]] the Quai d'Orsay in a [[communicated]]. This "
    'visit [[intervenes]] [[in a context of]] strong tensions with Moscow, who accuses Paris of '
    '"co-belligerence".',

    'The French international Kylian Mbappe was sanctioned by a [[suspension of three matches]] after '
    'his red card received Sunday [[face to]] Lens. "It is a hard blow for the group", [[regretted]] '
    'his coach, who will have to do without his striker for the [[reception of Monaco]]. The club '
    'announced that it will [[make appeal]] of this decision.',

    'The heat wave which [[strikes]] [[the Hexagon]] since Monday should last until the end of the '
    'week, according to Meteo-France, which placed 16 departments in [[orange vigilance]]. The '
    'temperatures could reach 40 C in the south-east. The prefectures have taken [[measures of '
    'restriction]] of the usage of the water, and the authorities recommend to the [[persons '
    'fragile]] to [[hydrate themselves]] regularly.',

    '[[The start-up Mistral AI]] [[realised]] a fundraising of 600 [[millions of]] euros, the [[most '
    'important]] ever for a French company of the sector. Its founder, Arthur Mensch, [[aged of 31 '
    'years]], had indicated last year [[to want to]] create a European champion. The operation values '
    'the company at 6 [[billions of]] euros, according to the Financial Times.',

    'Two men were [[put in examination]] Friday for [[assassination]] and placed in [[provisory '
    'detention]], announced the [[parquet of Lyon]]. They are [[suspected to have]] shot [[a youth of '
    '19 years]] [[in the night of Tuesday to Wednesday]], [[on fond of]] drug trafficking. The '
    'investigation was [[confided]] to the [[criminal brigade]].',

    '[[The SNCF]] announced Wednesday the [[suppression]] of 300 trains on the week-end because of a '
    '[[movement of strike]] of the [[controllers]]. The travellers are invited to postpone their '
    '[[displacements]], [[precised]] the company in a [[communicated]]. The [[Minister of '
    'Transports]], Clement Beaune, [[judged]] this strike "unacceptable" [[in full period]] of '
    'holidays.',

    'In Mali, the junta [[at the power]] since 2020 announced the [[report]] of the presidential '
    'election, initially scheduled for February. This decision [[intervenes]] after the withdrawal of '
    'the French forces of [[the operation Barkhane]]. The opposition denounced a "confiscation [[of '
    'the power]]" and called its [[partisans]] to mobilise.',

    'The pupils of [[terminale]] will [[pass]] the [[test of philosophy]] on Monday from [[8h]] to '
    '[[12h]]. "It is a stressful moment but the candidates are well prepared", [[declared]] the '
    '[[Minister of the National Education]]. More than [[500 000]] candidates are [[inscribed]] this '
    'year.',

    '[[The tribunal of Nanterre]] [[condemned]] Thursday the group to pay 2 [[millions of]] euros of '
    '[[damages and interests]] to the victims. The lawyer of the families, [[Me]] Dupont, [[saluted]] '
    '"a historic decision". The group has ten days to [[form an appeal]].',

    'The European Commission proposed Wednesday to [[prolong of]] five years the authorisation of '
    '[[the glyphosate]], provoking the anger of the [[ecologists]]. "It is a scandal", [[reacted]] '
    'the [[deputy]] Marie Toussaint, who denounces a decision "taken [[under the pressure of]] the '
    'lobbies". The member states must [[pronounce themselves]] [[before the 14 December]].',

    'Emmanuel Macron will [[realize]] a [[visit of State]] in Germany from Sunday, the first of a '
    'French president [[since 23 years]]. The head of State will [[notably]] pronounce a '
    '[[discourse]] in Dresden. This [[displacement]], postponed in July because of the riots, '
    '[[intervenes]] at a delicate moment for the Franco-German [[couple]].',

    'According to a study published Tuesday by [[the INSEE]], [[the rate of poverty]] reached '
    '[[14,5]] % in 2022, its highest level since 2011. The [[associations]] [[alert on]] the '
    '[[degradation]] of the situation of the [[most modest]] households, [[confronted to]] [[the '
    'inflation]].',
]

# Native English news copy on the same topics: the pack must stay silent.
NATIVE = [
    "French President Emmanuel Macron received German Foreign Minister Annalena Baerbock at the "
    "Elysee on Monday for talks on the war in Ukraine. The two raised the possibility of new "
    "sanctions, sources said. An official at the foreign ministry said no decision had been taken.",

    "A 45-year-old man was detained on Saturday evening in Marseille after an identity check, police "
    "said. He is currently in custody. The suspect had been sentenced to three years in prison in 2019, "
    "the source said. The attack took place at 6:30 p.m. in the city centre, near a bookshop.",

    "The carmaker announced job cuts at three plants on Thursday, a disappointment for unions, which "
    "have criticised a large number of departures over the past two years. French Economy Minister "
    "Bruno Le Maire said growth forecasts had been cut to 0.8%. A few dozen workers demonstrated.",

    "The launch of the Ariane 6 rocket, scheduled for March 1, was postponed. Against Spain, the "
    "French team lost a disappointing match that the sports minister attended. The head of the "
    "anti-doping agency welcomed the tests, which were carried out in recent years by a law firm. "
    "In particular, officials praised the pursuit of excellence and the actual results achieved.",
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(Config(), load_rules(select=["MTF"]))


def _findings(engine: Engine, text: str):
    return engine.audit([Document.from_text(text, path="a.txt")]).documents[0].findings


def test_recall_on_unseen_machine_translated_french(engine):
    hit = total = extra = 0
    for marked in MT_FROM_FRENCH:
        text, spans = unmark(marked)
        found = _findings(engine, text)
        total += len(spans)
        hit += sum(any(f.start < e and s < f.end for f in found) for s, e in spans)
        extra += sum(not any(f.start < e and s < f.end for s, e in spans) for f in found)
    assert total == 180
    assert hit / total >= 0.85, f"recall {hit}/{total}"
    assert extra <= 1


def test_silence_on_native_copy(engine):
    for text in NATIVE:
        found = _findings(engine, text)
        assert not found, [(f.rule, text[f.start:f.end]) for f in found]


def test_french_paragraphs_are_fingerprinted_and_native_ones_are_not(engine):
    full = Engine(Config())
    for marked in MT_FROM_FRENCH:
        text, _ = unmark(marked)
        assert full.audit([Document.from_text(text, path="a.txt")]).documents[0].source_language == "fr"
    for text in NATIVE:
        assert full.audit([Document.from_text(text, path="a.txt")]).documents[0].source_language is None
