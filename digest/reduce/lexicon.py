"""Word lists the reducer uses as evidence: first names, name particles, speech verbs, roles, pronouns.

German capitalises every noun, so a capitalised word is no evidence of a name. A known first name, a
role noun before a name, or a name particle is. The lists are plain data: extend them freely.
"""

from __future__ import annotations

import re

MALE_FIRST_NAMES = frozenset(
    """
    Aaron Achim Adam Adrian Ahmed Ahmet Alain Alan Albert Alberto Alejandro Alessandro Alexander
    Alexej Alexei Alfred Ali Alois Amir Anders Andi Andrea Andreas Andrej Andrew Andrzej Angelo
    Anton Antonio Antony Armin Arnold Arthur Artur August Axel Bastian Ben Benedikt Benjamin Bernd
    Bernhard Bert Bertrand Bill Björn Bob Bodo Boris Boris Bruno Burkhard Carl Carlo Carlos Carsten
    Cem Charles Chris Christian Christoph Christopher Claus Clemens Constantin Cornelius Dan Daniel
    Dankwart Dario David Dennis Detlef Diego Dieter Dietmar Dietrich Dimitri Dirk Dmitri Dmitrij
    Dominik Donald Edgar Eduard Edmund Egon Elon Emil Emmanuel Enrico Erich Erik Ernst Erwin Eugen
    Fabian Felix Ferdinand Florian Francesco Franco Francois François Frank Franz Fred Friedrich
    Fritz Georg George Gerald Gerd Gerhard Gernot Giorgio Giovanni Giuseppe Gottfried Gregor Guido
    Gunnar Günter Günther Gustav Hans Harald Hartmut Heiko Heiner Heinrich Heinz Helmut Hendrik
    Henning Henry Herbert Hermann Horst Hubert Hubertus Hugo Igor Ingo Ivan Jakob James Jan Jean
    Jens Jeremy Jerzy Jim Joachim Jochen Joe Johann Johannes John Jonas Jonathan Jorge Josef Joseph
    Jörg Jürgen Julian Julius Justin Kai Karl Karsten Kaspar Kevin Klaus Kilian Konrad Konstantin
    Korbinian Kurt Lars Leo Leon Leonhard Linus Lorenz Lothar Louis Luca Lucas Ludwig Luis Lukas
    Lutz Malte Manfred Manuel Marc Marcel Marco Marcus Mario Mark Marko Markus Martin Marvin Mathias
    Matteo Matthias Max Maximilian Michael Michel Miguel Mike Mikhail Milan Moritz Muhammad Nicolas
    Niklas Nikolai Nikolaus Nils Norbert Olaf Oliver Olli Omar Oskar Otto Pascal Patrick Paul Pavel
    Pedro Peer Peter Philipp Pierre Pietro Rafael Rainer Ralf Ralph Raphael Reiner Reinhard Rene
    René Richard Robert Roberto Robin Roger Roland Rolf Roman Ronald Rudolf Rüdiger Rupert Sebastian
    Sergej Sergei Siegfried Sigmar Simon Stefan Steffen Stephan Steve Steven Sven Theo Theodor
    Thilo Thomas Thorsten Till Tim Timo Tobias Tom Tony Torsten Udo Ulf Ulrich Urs Uwe Valentin
    Viktor Vincent Vladimir Volker Walter Werner Wilhelm Willi Willy Winfried Wladimir Wolfgang
    Wolodymyr Xaver Yannick Yusuf Zoran Barack Benedikt Guido Recep Xi Narendra Olaf Jens Hubertus
    Nick Néstor Nestor Evo Alvaro Álvaro Luiz Luíz Inácio Hugo Fidel Raúl Rodolfo Tabaré Bharrat Nicanor
    Alan Ronald Rafael Jaap Kofi Ban Sergio Mauricio Javier Sepp Wendelin Tessen Hermann-Josef
    Karl-Theodor Frank-Walter Hans-Dietrich Hans-Peter Karl-Heinz Franz-Josef Heinz-Christian
    Jacques Nicolas Emmanuel Gordon Tony David Boris Keir Rishi Vladimir Wladimir Dmitri Sergej
    Mohammed Mahmud Mahmoud Benjamin Ehud Ariel Jitzchak Bashar Recep Ahmet Abdullah Kim Shinzo
    Justin Joe Kamala Mike Ron Rick Ted Chuck Mitch Bernie Pete Stephen Steven Ben Sascha
    Condoleezza Jean-Claude Jean-Marie Jean-Luc Pierre Jose José Juan Carlos Luis Manuel
    Gerhard Helmut Horst Edmund Markus Armin Olaf Christian Robert Cem Omid Tarek Kevin Lars
    """.split()
)
FEMALE_FIRST_NAMES = frozenset(
    """
    Agnes Alexandra Alice Alina Amelie Ana Andrea Angela Angelika Anja Anke Anna Annalena Anne
    Annegret Annette Antje Barbara Bärbel Beate Beatrix Bettina Birgit Brigitte Britta Carla Carmen
    Carola Caroline Charlotte Christa Christiane Christina Christine Claudia Cornelia Dagmar Daniela
    Diana Doris Dorothea Edith Elena Elisabeth Elke Ella Emilia Emily Emma Erika Eva Franziska
    Frauke Friederike Gabriele Gerda Gertrud Gisela Greta Gudrun Hanna Hannah Hannelore Heidi Heike
    Helene Helga Henriette Hildegard Ilse Ines Ingrid Irene Iris Isabel Isabella Jana Janine Jasmin
    Jessica Johanna Josephine Judith Julia Juliane Jutta Karin Katarina Katharina Kathrin Katja
    Katrin Kerstin Kirsten Klara Klaudia Kristina Laura Lea Lena Lisa Louise Lucia Luisa Luise Maja
    Manuela Mareike Margarete Margit Margot Maria Marianne Marie Marieke Marina Marion Marlene Martha
    Martina Mathilde Melanie Mia Michaela Miriam Monika Nadine Nadja Nancy Natalie Natascha Nicole
    Nina Olga Paula Petra Pia Renate Rita Rosa Ruth Sabine Sahra Sandra Sara Sarah Saskia Silke
    Silvia Simone Sofia Sonja Sophie Stefanie Stephanie Susanne Svenja Swetlana Tanja Theresa
    Theresia Ulla Ulrike Ursula Ute Valerie Vera Verena Veronika Victoria Viktoria Wiebke Yvonne
    Zoe Kamala Giorgia Marine Hillary Kaja Roberta Christine Malu Manuela Svenja Kristalina Nancy
    Steffi Ricarda Lisa Annika Lara Leonie Marta Magdalena Elif Ayse Fatma Leyla Mette Sanna Jacinda
    Joan Jane Mary Susan Karen Linda Ayaan Sharon Condoleezza Michelle Cristina Dilma Hillary Theresa Liz Nancy Kaja Ulla Gabriela
    Margaret Madeleine Ségolène Marine Angela Ursula Annegret Malu Manuela Franziska Katarina
    Fatmire Birgit Renate Bärbel Sahra Katja Janine Alice Greta Luisa Ute Svenja Nancy Lisa
    """.split()
)
FIRST_NAMES = MALE_FIRST_NAMES | FEMALE_FIRST_NAMES
NAME_PARTICLES = frozenset("von van der de den du di da del della zu al el bin ibn ten ter".split())
ACADEMIC_TITLES = frozenset("Dr. Prof. Dipl.-Ing. Mag. Sir Dame".split())

# English role nouns (lower case in English appositions; they say nothing of gender).
EN_ROLE_WORDS = (
    "architect",
    "president",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "director",
    "governor",
    "mayor",
    "lawyer",
    "officer",
    "executive",
)

# Role nouns: a capitalised word ending in one of these is a function ("Außenamtssprecherin").
ROLE_SUFFIXES = (
    "präsident",
    "präsidentin",
    "kanzler",
    "kanzlerin",
    "sprecher",
    "sprecherin",
    "minister",
    "ministerin",
    "sekretär",
    "sekretärin",
    "vorsitzende",
    "vorsitzender",
    "chef",
    "chefin",
    "leiter",
    "leiterin",
    "direktor",
    "direktorin",
    "abgeordnete",
    "abgeordneter",
    "stadtrat",
    "stadträtin",
    "landrat",
    "landrätin",
    "bürgermeister",
    "bürgermeisterin",
    "gesandter",
    "gesandte",
    "beauftragte",
    "beauftragter",
    "richter",
    "richterin",
    "anwalt",
    "anwältin",
    "staatsanwalt",
    "staatsanwältin",
    "verteidiger",
    "verteidigerin",
    "experte",
    "expertin",
    "forscher",
    "forscherin",
    "trainer",
    "trainerin",
    "kapitän",
    "kapitänin",
    "manager",
    "managerin",
    "gründer",
    "gründerin",
    "berichterstatter",
    "berichterstatterin",
    "kandidat",
    "kandidatin",
    "senator",
    "senatorin",
    "botschafter",
    "botschafterin",
    "kommissar",
    "kommissarin",
    "premier",
    "premierministerin",
    "könig",
    "königin",
    "papst",
    "bischof",
    "bischöfin",
    "mesner",
    "mesnerin",
    "sprecherin",
    "ökonom",
    "ökonomin",
    "analyst",
    "analystin",
    "verhandlungsführer",
    "verhandlungsführerin",
    "geschäftsführer",
    "geschäftsführerin",
    "teamchef",
    "teamchefin",
    "generalsekretär",
    "generalsekretärin",
    "oberbürgermeister",
    "oberbürgermeisterin",
    "ministerpräsident",
    "ministerpräsidentin",
    "vize",
    "chefökonom",
    "politiker",
    "politikerin",
    "moderator",
    "moderatorin",
    "autor",
    "autorin",
    "regisseur",
    "regisseurin",
    "sänger",
    "sängerin",
    "schauspieler",
    "schauspielerin",
    "wissenschaftler",
    "wissenschaftlerin",
    "vorstand",
    "vorständin",
    "referent",
    "referentin",
    "landtagsabgeordnete",
    "fraktionschef",
    "fraktionschefin",
    "parteichef",
    "parteichefin",
    "intendant",
    "intendantin",
    "vertreter",
    "vertreterin",
    "mitarbeiter",
    "mitarbeiterin",
    "obmann",
    "obfrau",
    "verwalter",
    "verwalterin",
    "datenschützer",
    "datenschützerin",
    "admiral",
    "general",
    "kommandeur",
    "offizier",
    "aktivist",
    "aktivistin",
    "ermittler",
    "ermittlerin",
    "musiker",
    "musikerin",
    "künstler",
    "künstlerin",
    "schriftsteller",
    "schriftstellerin",
    "unternehmer",
    "unternehmerin",
    "feministin",
    *EN_ROLE_WORDS,
    "journalist",
    "journalistin",
    "historiker",
    "historikerin",
)
ROLE_PATTERN = re.compile(
    r"(?:[A-ZÄÖÜ][\w\-]*)?(?:"
    + "|".join(sorted(set(ROLE_SUFFIXES), key=len, reverse=True))
    + r")$",
    re.IGNORECASE,
)

# Organisations that speak: a word ending in one of these ("Bundesverkehrsministerium").
ORGANISATION_SUFFIXES = (
    "ministerium",
    "regierung",
    "polizei",
    "staatsanwaltschaft",
    "gericht",
    "kommission",
    "präsidium",
    "verband",
    "behörde",
    "amt",
    "partei",
    "fraktion",
    "konzern",
    "bahn",
    "referat",
    "verwaltung",
    "stadtwerke",
    "gewerkschaft",
    "agentur",
    "institut",
    "verein",
    "rathaus",
    "landratsamt",
    "feuerwehr",
    "klinik",
    "kreml",
    "weißes haus",
    "pentagon",
    "bundestag",
    "bundesrat",
    "landtag",
    "senat",
    "ministry",
    "government",
    "police",
    "council",
    "armee",
    "bundeswehr",
    "militär",
    "kanzleramt",
    "außenamt",
    "gewerkschaft",
    "union",
    "department",
    "office",
)

SPEECH_VERBS_DE = frozenset(
    """
    sagte sagt sagten sagen erklärte erklärt erklärten betonte betont betonten meinte meint
    versprach verspricht kritisierte kritisiert warnte warnt forderte fordert schrieb schreibt
    ergänzte ergänzt unterstrich unterstreicht bekräftigte bekräftigt räumte räumt stellte
    hielt mahnte mahnt fragte fragt antwortete antwortet erwiderte erwidert lobte lobt bemängelte
    bestätigte bestätigt berichtete berichtet zitierte zitiert teilte teilt kündigte kündigt
    sprach spricht resümierte bilanzierte beklagte beklagt klagte klagt verteidigte verteidigt
    ruft rief appellierte appelliert begründete begründet versicherte versichert gestand gesteht
    wandte kommentierte kommentiert urteilte urteilt argumentierte argumentiert bilanziert
    jubelte jubelt freute freut sagt' hieß heißt twitterte erläuterte erläutert unterstrich
    beteuerte beteuert verkündete verkündet drohte droht schwärmte schwärmt ergänzte fügte fügt
    konstatierte konstatiert insistierte meinten erklärten betonten äußerte äußert äußerten bekannte
    spekuliert spekulierte schätzte entgegnete entgegnet meinte zitieren mahnten schilderte schildert
    bezweifelte pochte verwies verweist sagten warnten forderten kritisierten erklärten betonten
    resümiert kündigten bekräftigten ergänzten fügten teilten schreiben schrieben twittert reagierte
    bemerkte bemerkt gab gibt stellte kommentierten räumten wies
    """.split()
)
SPEECH_VERBS_EN = frozenset(
    """
    said says told tells added explained stressed warned wrote argued noted insisted claimed
    asked replied declared announced urged promised admitted stated suggested recalled
    according
    """.split()
)
PRONOUNS = {"er": "m", "sie": "f", "he": "m", "she": "f"}
POSSESSIVES = {
    **dict.fromkeys("sein seine seiner seinem seinen seines his".split(), "m"),
    **dict.fromkeys("ihr ihre ihrer ihrem ihren ihres her".split(), "f"),
}
# Forms of indirect speech: a sentence with one of these reports what someone said.
SUBJUNCTIVES = frozenset(
    """
    habe hätte hätten sei seien wäre wären werde würde würden könne könnten müsse müssten solle
    sollten dürfe wolle gebe drohe stehe bestehe fehle liege gehe bleibe
    """.split()
)
# Nouns for a spokesperson: "ein Porschesprecher", "ein Sprecher des Finanzministeriums".
SPOKESPERSON = re.compile(
    r"(\w*?)-?(?:Sprecher|Sprecherin|spokesman|spokeswoman|spokesperson)$", re.IGNORECASE
)

# Lower-case words that show a quote is a clause (it has a verb), not a scare quote or a title.
VERB_HINTS = frozenset(
    """
    ist sind war waren wird werden wurde wurden bin bist hat haben hatte hatten habe hätte hätten
    kann können konnte konnten könnte könnten muss müssen musste mussten müsste soll sollen sollte
    sollten will wollen wollte wollten darf dürfen durfte mag möchte möchten sei seien wäre wären
    würde würden gibt gab geht ging steht stand bleibt blieb kommt kam macht machte sehen sieht
    sah tun tut glaube glauben weiß wissen brauchen braucht denkt denke lässt lassen gilt hält
    is are was were will would can could should must have has had be been do does did may might
    könne müsse solle wolle dürfe werde gebe seid bleiben blieben hieß heißt liegt lag fehlt fehlte
    """.split()
)

# Function words: left out of sentence similarity, and counted to tell German from English.
STOP_WORDS_DE = frozenset(
    """
    der die das den dem des ein eine einer einem einen eines und oder aber auch als an am auf aus
    bei bis da damit dass denn doch durch für gegen hat haben hatte hatten ich ihr im in ist es er
    sie wir man mit nach nicht noch nun nur ob ohne schon sehr sein seine sich sind so soll sollen
    über um uns unter vom von vor war waren wie wird werden wurde wurden zu zum zur zwischen
    diese dieser dieses dies noch mehr wenn weil wo was wer kein keine seit laut sowie bereits
    """.split()
)
STOP_WORDS_EN = frozenset(
    """
    the a an and or but also as at by for from has have had he she it its in is are was were be
    been of on to with that this these those which who whom what when where will would can could
    should not no there their they them his her our we you your i me my than then so if into over
    after before about against said says
    """.split()
)
