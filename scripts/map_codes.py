"""The country codes, dated borders and dividing lines that scripts/build_map.py writes into the map asset."""

from __future__ import annotations

from dataclasses import dataclass

# ISO 3166-1 numeric code (as world-atlas spells it) -> alpha-3 code.
_NUMBERS = """
004:AFG 008:ALB 010:ATA 012:DZA 016:ASM 020:AND 024:AGO 028:ATG 031:AZE 032:ARG 036:AUS 040:AUT 044:BHS 048:BHR
050:BGD 051:ARM 052:BRB 056:BEL 060:BMU 064:BTN 068:BOL 070:BIH 072:BWA 076:BRA 084:BLZ 086:IOT 090:SLB 092:VGB
096:BRN 100:BGR 104:MMR 108:BDI 112:BLR 116:KHM 120:CMR 124:CAN 132:CPV 136:CYM 140:CAF 144:LKA 148:TCD 152:CHL
156:CHN 158:TWN 170:COL 174:COM 178:COG 180:COD 184:COK 188:CRI 191:HRV 192:CUB 196:CYP 203:CZE 204:BEN 208:DNK
212:DMA 214:DOM 218:ECU 222:SLV 226:GNQ 231:ETH 232:ERI 233:EST 234:FRO 238:FLK 239:SGS 242:FJI 246:FIN 248:ALA
250:FRA 258:PYF 260:ATF 262:DJI 266:GAB 268:GEO 270:GMB 275:PSE 276:DEU 288:GHA 296:KIR 300:GRC 304:GRL 308:GRD
316:GUM 320:GTM 324:GIN 328:GUY 332:HTI 334:HMD 336:VAT 340:HND 344:HKG 348:HUN 352:ISL 356:IND 360:IDN 364:IRN
368:IRQ 372:IRL 376:ISR 380:ITA 384:CIV 388:JAM 392:JPN 398:KAZ 400:JOR 404:KEN 408:PRK 410:KOR 414:KWT 417:KGZ
418:LAO 422:LBN 426:LSO 428:LVA 430:LBR 434:LBY 438:LIE 440:LTU 442:LUX 446:MAC 450:MDG 454:MWI 458:MYS 462:MDV
466:MLI 470:MLT 478:MRT 480:MUS 484:MEX 492:MCO 496:MNG 498:MDA 499:MNE 500:MSR 504:MAR 508:MOZ 512:OMN 516:NAM
520:NRU 524:NPL 528:NLD 531:CUW 533:ABW 534:SXM 540:NCL 548:VUT 554:NZL 558:NIC 562:NER 566:NGA 570:NIU 574:NFK
578:NOR 580:MNP 583:FSM 584:MHL 585:PLW 586:PAK 591:PAN 598:PNG 600:PRY 604:PER 608:PHL 612:PCN 616:POL 620:PRT
624:GNB 626:TLS 630:PRI 634:QAT 642:ROU 643:RUS 646:RWA 652:BLM 654:SHN 659:KNA 660:AIA 662:LCA 663:MAF 666:SPM
670:VCT 674:SMR 678:STP 682:SAU 686:SEN 688:SRB 690:SYC 694:SLE 702:SGP 703:SVK 704:VNM 705:SVN 706:SOM 710:ZAF
716:ZWE 724:ESP 728:SSD 729:SDN 732:ESH 740:SUR 748:SWZ 752:SWE 756:CHE 760:SYR 762:TJK 764:THA 768:TGO 776:TON
780:TTO 784:ARE 788:TUN 792:TUR 795:TKM 796:TCA 800:UGA 804:UKR 807:MKD 818:EGY 826:GBR 831:GGY 832:JEY 833:IMN
834:TZA 840:USA 850:VIR 854:BFA 858:URY 860:UZB 862:VEN 876:WLF 882:WSM 887:YEM 894:ZMB
"""
ISO3 = dict(pair.split(":") for pair in _NUMBERS.split())

# Shapes Natural Earth draws without an ISO number: the codes Natural Earth itself gives them (ADM0_A3), or the
# code in common use for Kosovo. Ashmore and Cartier shares Australia's number, so it goes by name too.
BY_NAME = {
    "Kosovo": "XKX",
    "Somaliland": "SOL",
    "N. Cyprus": "CYN",
    "Indian Ocean Ter.": "IOA",
    "Siachen Glacier": "KAS",
    "Ashmore and Cartier Is.": "ATC",
}


@dataclass(frozen=True)
class Merge:
    """A state drawn as one shape from the base map's units, for dates from `since` up to `until` (not included)."""

    iso: str
    numeric: str | None
    name: str  # the state's name at those dates
    members: tuple[str, ...]
    since: str | None
    until: str | None
    also: tuple[str, ...] = ()  # other codes and names a scenario may use for it (FRG, USSR...)


@dataclass(frozen=True)
class Split:
    """One of today's countries cut in two along a line of our own, so the years it was divided can be drawn.

    The line runs from one point of the country's outline to another (its first and last points snap to the nearest
    point of the outline) through points inside the country. The piece holding `probe` is `pieces[0]`; islands go to
    the piece nearest them. The pieces are units of the base map, never drawn alone: every date gives them to a
    Merge (the divided state, or the whole country)."""

    country: str
    pieces: tuple[str, str]
    probe: tuple[float, float]
    line: tuple[tuple[float, float], ...]


# Our own approximate dividing lines (about 5 to 20 km off in places), drawn from the towns on each side; no
# official boundary data went into them.
SPLITS = (
    # The inner German border, from the Baltic at Priwall to the tripoint with Czechoslovakia near Prex.
    Split("DEU", ("DEU.W", "DEU.E"), (7.1, 50.7), (
        (10.92, 54.0), (10.90, 53.85), (10.82, 53.70), (10.90, 53.58), (10.62, 53.37), (10.75, 53.33),
        (10.95, 53.25), (11.10, 53.18), (11.30, 53.12), (11.45, 53.06), (11.57, 53.03), (11.55, 52.95),
        (11.40, 52.90), (11.20, 52.88), (10.95, 52.85), (10.78, 52.70), (10.76, 52.55), (10.95, 52.45),
        (11.00, 52.30), (11.05, 52.20), (10.95, 52.05), (10.75, 51.95), (10.58, 51.82), (10.60, 51.59),
        (10.33, 51.52), (10.00, 51.40), (10.12, 51.15), (10.22, 51.02), (10.05, 50.92), (9.99, 50.83),
        (9.95, 50.74), (10.05, 50.62), (10.30, 50.50), (10.55, 50.36), (10.80, 50.30), (11.05, 50.33),
        (11.25, 50.45), (11.42, 50.50), (11.60, 50.40), (11.85, 50.42), (12.0, 50.36), (12.10, 50.31))),
    # North and South Yemen, from the coast by the Bab-el-Mandeb to the desert (never fixed there before 1990).
    Split("YEM", ("YEM.N", "YEM.S"), (44.2, 15.35), (
        (43.49, 12.70), (43.9, 13.05), (44.35, 13.40), (44.7, 13.78), (45.1, 13.88), (45.5, 14.05),
        (45.65, 14.5), (45.75, 15.0), (46.0, 15.6), (46.3, 16.3), (46.51, 17.25))),
    # The demarcation line of 1954 near the 17th parallel, along the Ben Hai river to the border of Laos.
    Split("VNM", ("VNM.N", "VNM.S"), (105.85, 21.03), (
        (107.12, 17.06), (107.0, 17.0), (106.8, 16.99), (106.6, 16.97), (106.47, 16.98))),
)

_USSR = ("RUS", "UKR", "BLR", "MDA", "GEO", "ARM", "AZE", "KAZ", "UZB", "TKM", "KGZ", "TJK")
_BALTIC = ("EST", "LVA", "LTU")

# The borders of past dates where they differ from today's. A unit that belongs to a merge in force at a date is
# drawn as part of it; otherwise as itself (today's country). Dates are ISO days, `until` not included; entries
# with no `since` hold from the start of the data (BORDERS_FROM: before it the map shows that day's borders).
BORDERS_FROM = "1949-10-07"  # the day both German states existed; older borders (1945-49 and before) are not here
MERGES = (
    Merge("SUN", "810", "Soviet Union", _USSR + _BALTIC, None, "1991-09-06", ("USSR",)),
    # The Baltic states were recognised on 1991-09-06; the rest of the Union ended on 1991-12-26.
    Merge("SUN", "810", "Soviet Union", _USSR, "1991-09-06", "1991-12-26", ("USSR",)),
    Merge("YUG", "890", "Yugoslavia", ("SVN", "HRV", "BIH", "SRB", "MNE", "MKD", "XKX"), None, "1991-06-25"),
    # Slovenia and Croatia declared independence on 1991-06-25, Macedonia on 1991-09-08, Bosnia on 1992-03-03.
    Merge("YUG", "890", "Yugoslavia", ("BIH", "SRB", "MNE", "MKD", "XKX"), "1991-06-25", "1991-09-08"),
    Merge("YUG", "890", "Yugoslavia", ("BIH", "SRB", "MNE", "XKX"), "1991-09-08", "1992-03-03"),
    # The Federal Republic of Yugoslavia (1992), renamed Serbia and Montenegro in 2003; SCG is its code in both.
    Merge("SCG", "891", "Yugoslavia", ("SRB", "MNE", "XKX"), "1992-03-03", "2003-02-04",
          ("YUG", "Serbia and Montenegro", "FR Yugoslavia")),
    Merge("SCG", "891", "Serbia and Montenegro", ("SRB", "MNE", "XKX"), "2003-02-04", "2006-06-03"),
    # From Montenegro's independence to Kosovo's declaration, Kosovo was drawn as part of Serbia.
    Merge("SRB", "688", "Serbia", ("SRB", "XKX"), "2006-06-03", "2008-02-17"),
    Merge("CSK", "200", "Czechoslovakia", ("CZE", "SVK"), None, "1993-01-01"),
    # Eritrea was federated with Ethiopia in 1952 (annexed 1962) and independent from 1993-05-24.
    Merge("ETH", "231", "Ethiopia", ("ETH", "ERI"), "1952-09-15", "1993-05-24"),
    Merge("SDN", "736", "Sudan", ("SDN", "SSD"), None, "2011-07-09"),
    Merge("PAK", "586", "Pakistan", ("PAK", "BGD"), None, "1971-12-16", ("East Pakistan",)),
    Merge("UAR", "818", "United Arab Republic", ("EGY", "SYR"), "1958-02-22", "1961-09-28", ("EGY", "SYR")),
    # British and Italian Somaliland united on 1960-07-01; Somaliland broke away (unrecognised) on 1991-05-18.
    Merge("SOM", "706", "Somalia", ("SOM", "SOL"), "1960-07-01", "1991-05-18"),
    # The ceasefire line of 1974-08-16 divides the island since.
    Merge("CYP", "196", "Cyprus", ("CYP", "CYN"), None, "1974-08-16"),
    Merge("DEU", "280", "West Germany", ("DEU.W",), None, "1990-10-03", ("FRG", "Federal Republic of Germany")),
    Merge("DDR", "278", "East Germany", ("DEU.E",), None, "1990-10-03", ("GDR", "German Democratic Republic")),
    Merge("DEU", "276", "Germany", ("DEU.W", "DEU.E"), "1990-10-03", None),
    Merge("YEM", "886", "North Yemen", ("YEM.N",), None, "1990-05-22", ("Yemen Arab Republic", "Yemen")),
    # Aden and the protectorates (the Federation of South Arabia from 1962) until independence on 1967-11-30.
    Merge("YMD", "720", "South Arabia", ("YEM.S",), None, "1967-11-30", ("Aden", "South Yemen")),
    Merge("YMD", "720", "South Yemen", ("YEM.S",), "1967-11-30", "1990-05-22", ("Democratic Yemen", "PDRY")),
    Merge("YEM", "887", "Yemen", ("YEM.N", "YEM.S"), "1990-05-22", None),
    Merge("VNM", "704", "Vietnam", ("VNM.N", "VNM.S"), None, "1954-07-21"),
    Merge("VDR", None, "North Vietnam", ("VNM.N",), "1954-07-21", "1976-07-02", ("Democratic Republic of Vietnam",)),
    Merge("VNM", "704", "South Vietnam", ("VNM.S",), "1954-07-21", "1976-07-02", ("Republic of Vietnam",)),
    Merge("VNM", "704", "Vietnam", ("VNM.N", "VNM.S"), "1976-07-02", None),
)

# Named views a scenario may ask for: [west, east] longitudes and [south, north] latitudes, in degrees.
VIEWS = {
    "eurasia": {"lon": [-12, 122], "lat": [8, 72]},
    "europe": {"lon": [-12, 42], "lat": [34, 66]},
    "russia": {"lon": [26, 180], "lat": [40, 78]},
    "central_asia": {"lon": [46, 88], "lat": [30, 52]},
    "middle_east": {"lon": [24, 64], "lat": [12, 42]},
    "south_asia": {"lon": [60, 98], "lat": [5, 37]},
    "caribbean": {"lon": [-90, -58], "lat": [9, 31]},
    "cuba": {"lon": [-88, -73], "lat": [19.5, 31.5]},
}
