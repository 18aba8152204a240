"""Géographie des données synthétiques : population des départements et quelques communes de chacun.

Population en milliers d'habitants (ordre de grandeur INSEE 2021) : elle répartit les jeunes et les
missions locales créées entre départements. La première commune est le chef-lieu.
"""

POPULATION = {
    "01": 657, "02": 531, "03": 335, "04": 164, "05": 141, "06": 1098, "07": 329, "08": 270, "09": 153,
    "10": 310, "11": 374, "12": 280, "13": 2043, "14": 694, "15": 144, "16": 352, "17": 651, "18": 302,
    "19": 240, "21": 534, "22": 600, "23": 116, "24": 413, "25": 543, "26": 517, "27": 599, "28": 431,
    "29": 915, "2A": 158, "2B": 182, "30": 748, "31": 1400, "32": 191, "33": 1623, "34": 1176, "35": 1079,
    "36": 219, "37": 610, "38": 1271, "39": 259, "40": 413, "41": 329, "42": 765, "43": 227, "44": 1429,
    "45": 680, "46": 174, "47": 331, "48": 76, "49": 818, "50": 495, "51": 566, "52": 172, "53": 307,
    "54": 733, "55": 184, "56": 750, "57": 1044, "58": 204, "59": 2608, "60": 829, "61": 280, "62": 1465,
    "63": 660, "64": 682, "65": 229, "66": 479, "67": 1140, "68": 767, "69": 1876, "70": 235, "71": 551,
    "72": 566, "73": 436, "74": 826, "75": 2165, "76": 1255, "77": 1421, "78": 1448, "79": 374, "80": 570,
    "81": 389, "82": 259, "83": 1076, "84": 561, "85": 685, "86": 438, "87": 373, "88": 364, "89": 338,
    "90": 142, "91": 1301, "92": 1624, "93": 1644, "94": 1407, "95": 1249, "971": 384, "972": 361,
    "973": 285, "974": 863, "976": 279,
}  # fmt: skip

_COMMUNES = """
01:Bourg-en-Bresse|Oyonnax|Ambérieu-en-Bugey|Bellegarde-sur-Valserine|Gex
02:Laon|Saint-Quentin|Soissons|Château-Thierry|Chauny|Hirson
03:Moulins|Montluçon|Vichy|Cusset|Yzeure
04:Digne-les-Bains|Manosque|Sisteron|Forcalquier
05:Gap|Briançon|Embrun|Laragne-Montéglin
06:Nice|Cannes|Antibes|Grasse|Menton|Cagnes-sur-Mer|Vallauris
07:Privas|Annonay|Aubenas|Tournon-sur-Rhône|Le Teil
08:Charleville-Mézières|Sedan|Rethel|Revin|Givet
09:Foix|Pamiers|Saint-Girons|Lavelanet
10:Troyes|Romilly-sur-Seine|Bar-sur-Aube|Nogent-sur-Seine
11:Carcassonne|Narbonne|Castelnaudary|Limoux|Lézignan-Corbières
12:Rodez|Millau|Villefranche-de-Rouergue|Decazeville|Saint-Affrique
13:Marseille|Aix-en-Provence|Arles|Martigues|Aubagne|Istres|Salon-de-Provence|Vitrolles|La Ciotat
14:Caen|Lisieux|Bayeux|Hérouville-Saint-Clair|Vire Normandie|Falaise
15:Aurillac|Saint-Flour|Mauriac
16:Angoulême|Cognac|Soyaux|La Couronne|Ruffec
17:La Rochelle|Saintes|Rochefort|Royan|Jonzac|Saint-Jean-d'Angély
18:Bourges|Vierzon|Saint-Amand-Montrond|Aubigny-sur-Nère
19:Tulle|Brive-la-Gaillarde|Ussel|Malemort
21:Dijon|Beaune|Chenôve|Montbard|Auxonne
22:Saint-Brieuc|Lannion|Dinan|Guingamp|Loudéac|Lamballe-Armor
23:Guéret|Aubusson|La Souterraine|Bourganeuf
24:Périgueux|Bergerac|Sarlat-la-Canéda|Nontron|Ribérac
25:Besançon|Montbéliard|Pontarlier|Audincourt|Valentigney
26:Valence|Montélimar|Romans-sur-Isère|Pierrelatte|Die
27:Évreux|Vernon|Louviers|Val-de-Reuil|Les Andelys|Bernay
28:Chartres|Dreux|Châteaudun|Nogent-le-Rotrou|Lucé
29:Quimper|Brest|Morlaix|Quimperlé|Landerneau|Concarneau|Douarnenez
2A:Ajaccio|Porto-Vecchio|Propriano|Sartène
2B:Bastia|Corte|Calvi|L'Île-Rousse
30:Nîmes|Alès|Bagnols-sur-Cèze|Beaucaire|Vauvert|Le Vigan
31:Toulouse|Colomiers|Tournefeuille|Muret|Blagnac|Saint-Gaudens|Villefranche-de-Lauragais
32:Auch|Condom|L'Isle-Jourdain|Fleurance|Mirande
33:Bordeaux|Mérignac|Pessac|Libourne|Arcachon|Langon|Lormont|Lesparre-Médoc
34:Montpellier|Béziers|Sète|Lunel|Agde|Lodève|Frontignan
35:Rennes|Saint-Malo|Fougères|Vitré|Redon|Bruz
36:Châteauroux|Issoudun|Le Blanc|La Châtre
37:Tours|Joué-lès-Tours|Amboise|Chinon|Loches|Saint-Pierre-des-Corps
38:Grenoble|Vienne|Bourgoin-Jallieu|Voiron|Échirolles|Saint-Martin-d'Hères|La Tour-du-Pin
39:Lons-le-Saunier|Dole|Saint-Claude|Champagnole
40:Mont-de-Marsan|Dax|Biscarrosse|Saint-Paul-lès-Dax|Aire-sur-l'Adour
41:Blois|Vendôme|Romorantin-Lanthenay|Vineuil
42:Saint-Étienne|Roanne|Saint-Chamond|Firminy|Montbrison|Rive-de-Gier
43:Le Puy-en-Velay|Yssingeaux|Brioude|Monistrol-sur-Loire
44:Nantes|Saint-Nazaire|Rezé|Saint-Herblain|Châteaubriant|Ancenis-Saint-Géréon|Pornic
45:Orléans|Montargis|Gien|Pithiviers|Fleury-les-Aubrais
46:Cahors|Figeac|Gourdon|Souillac
47:Agen|Villeneuve-sur-Lot|Marmande|Nérac|Tonneins
48:Mende|Marvejols|Saint-Chély-d'Apcher|Florac
49:Angers|Cholet|Saumur|Segré-en-Anjou Bleu|Trélazé
50:Saint-Lô|Cherbourg-en-Cotentin|Granville|Coutances|Avranches
51:Châlons-en-Champagne|Reims|Épernay|Vitry-le-François|Sézanne
52:Chaumont|Saint-Dizier|Langres|Joinville
53:Laval|Château-Gontier-sur-Mayenne|Mayenne|Évron
54:Nancy|Lunéville|Toul|Vandœuvre-lès-Nancy|Longwy|Pont-à-Mousson
55:Bar-le-Duc|Verdun|Commercy|Saint-Mihiel
56:Vannes|Lorient|Lanester|Pontivy|Auray|Ploërmel
57:Metz|Thionville|Forbach|Sarreguemines|Montigny-lès-Metz|Sarrebourg|Hayange
58:Nevers|Cosne-Cours-sur-Loire|Decize|Clamecy
59:Lille|Roubaix|Tourcoing|Dunkerque|Valenciennes|Douai|Maubeuge|Cambrai|Armentières|Villeneuve-d'Ascq|Denain
60:Beauvais|Compiègne|Creil|Nogent-sur-Oise|Senlis|Noyon|Méru
61:Alençon|Flers|Argentan|L'Aigle|Mortagne-au-Perche
62:Arras|Calais|Boulogne-sur-Mer|Lens|Liévin|Béthune|Hénin-Beaumont|Saint-Omer|Bruay-la-Buissière
63:Clermont-Ferrand|Riom|Issoire|Thiers|Cournon-d'Auvergne|Ambert
64:Pau|Bayonne|Anglet|Biarritz|Oloron-Sainte-Marie|Orthez|Hendaye
65:Tarbes|Lourdes|Lannemezan|Bagnères-de-Bigorre
66:Perpignan|Canet-en-Roussillon|Saint-Estève|Céret|Prades
67:Strasbourg|Haguenau|Schiltigheim|Illkirch-Graffenstaden|Sélestat|Saverne|Molsheim
68:Colmar|Mulhouse|Saint-Louis|Guebwiller|Thann|Altkirch
69:Lyon|Villeurbanne|Vénissieux|Vaulx-en-Velin|Villefranche-sur-Saône|Saint-Priest|Givors
70:Vesoul|Lure|Luxeuil-les-Bains|Gray|Héricourt
71:Mâcon|Chalon-sur-Saône|Le Creusot|Montceau-les-Mines|Autun|Paray-le-Monial
72:Le Mans|La Flèche|Sablé-sur-Sarthe|Château-du-Loir|Mamers
73:Chambéry|Aix-les-Bains|Albertville|Saint-Jean-de-Maurienne|Bourg-Saint-Maurice
74:Annecy|Annemasse|Thonon-les-Bains|Cluses|Sallanches|Rumilly
75:Paris
76:Rouen|Le Havre|Dieppe|Elbeuf|Fécamp|Sotteville-lès-Rouen|Lillebonne
77:Melun|Meaux|Chelles|Pontault-Combault|Torcy|Montereau-Fault-Yonne|Provins|Coulommiers
78:Versailles|Mantes-la-Jolie|Saint-Quentin-en-Yvelines|Poissy|Les Mureaux|Sartrouville|Rambouillet
79:Niort|Bressuire|Parthenay|Thouars
80:Amiens|Abbeville|Albert|Péronne|Montdidier
81:Albi|Castres|Gaillac|Graulhet|Mazamet
82:Montauban|Castelsarrasin|Moissac|Caussade
83:Toulon|Fréjus|Hyères|Draguignan|La Seyne-sur-Mer|Brignoles|Saint-Raphaël
84:Avignon|Carpentras|Orange|Cavaillon|Pertuis|Apt
85:La Roche-sur-Yon|Les Sables-d'Olonne|Challans|Fontenay-le-Comte|Les Herbiers
86:Poitiers|Châtellerault|Loudun|Montmorillon|Civray
87:Limoges|Saint-Junien|Panazol|Bellac|Saint-Yrieix-la-Perche
88:Épinal|Saint-Dié-des-Vosges|Remiremont|Neufchâteau|Gérardmer
89:Auxerre|Sens|Joigny|Avallon|Tonnerre
90:Belfort|Delle|Valdoie|Beaucourt
91:Évry-Courcouronnes|Corbeil-Essonnes|Massy|Savigny-sur-Orge|Étampes|Grigny|Les Ulis
92:Nanterre|Boulogne-Billancourt|Colombes|Gennevilliers|Asnières-sur-Seine|Clichy|Bagneux
93:Bobigny|Saint-Denis|Montreuil|Aubervilliers|Aulnay-sous-Bois|Sevran|Clichy-sous-Bois|Bondy
94:Créteil|Vitry-sur-Seine|Champigny-sur-Marne|Ivry-sur-Seine|Villejuif|Choisy-le-Roi|Orly
95:Cergy|Argenteuil|Sarcelles|Garges-lès-Gonesse|Pontoise|Goussainville|Villiers-le-Bel
971:Basse-Terre|Pointe-à-Pitre|Les Abymes|Baie-Mahault|Le Moule|Capesterre-Belle-Eau
972:Fort-de-France|Le Lamentin|Le Robert|Schœlcher|Sainte-Marie|Le François
973:Cayenne|Saint-Laurent-du-Maroni|Kourou|Matoury|Rémire-Montjoly
974:Saint-Denis|Saint-Paul|Saint-Pierre|Le Tampon|Saint-Louis|Saint-André|Saint-Benoît
976:Mamoudzou|Koungou|Dzaoudzi|Dembeni|Sada
"""

COMMUNES = {
    code: names.split("|") for code, names in (line.split(":", 1) for line in _COMMUNES.strip().splitlines())
}

STREETS = """
rue de la République|rue Victor-Hugo|avenue Jean-Jaurès|rue Jules-Ferry|rue Pasteur|rue de la Gare|
place de la Mairie|rue du Moulin|rue des Écoles|avenue du Général-de-Gaulle|rue Gambetta|rue Émile-Zola|
boulevard de la Liberté|rue Jean-Moulin|allée des Tilleuls|résidence Les Peupliers|rue des Lilas|
chemin des Vignes|rue Anatole-France|rue de Verdun|rue du Stade|impasse des Roses|rue Lamartine|
avenue de la Paix|rue Louise-Michel|rue Aimé-Césaire|cité des Fleurs|rue Paul-Éluard|rue Voltaire|
rue Nationale|rue de l'Église|rue du Château|avenue Salvador-Allende|rue Gustave-Eiffel|rue Molière
""".replace("\n", "").split("|")


def postcode(department_code, rank):
    """Code postal plausible de la ``rank``-ième commune d'un département (le chef-lieu d'abord)."""
    if department_code == "75":
        return f"750{rank % 20 + 1:02d}"
    if department_code in ("2A", "2B"):
        return f"20{(0 if department_code == '2A' else 200) + rank * 10:03d}"
    if len(department_code) == 3:
        return f"{department_code}{rank * 10 % 100:02d}"
    return f"{department_code}{rank * 100 % 1000:03d}"
