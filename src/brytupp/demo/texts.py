"""The demo's free texts: accounts, minutes, needs, plan actions, all visibly synthetic.

No text names a person or says anything that could belong to a real one; each account and
minutes begins by saying it is synthetic, so no screenshot of the demo can be mistaken for a
real record.
"""

from __future__ import annotations

from brytupp.cases.models import NeedArea
from brytupp.organisation.models import UnitKind

ACCOUNTS = (
    "Syntetisk berättelse för demonstration: personen berättar om kontroll och hot i en "
    "relation under flera år och vill nu bo på egen hand med stöd.",
    "Syntetisk berättelse för demonstration: personen beskriver psykiskt och ekonomiskt våld "
    "och oro för barnen, och önskar hjälp med boende och ekonomi.",
    "Syntetisk berättelse för demonstration: efter en polisanmälan vill personen ha stöd i "
    "rättsprocessen och skydd för sig själv.",
    "Syntetisk berättelse för demonstration: personen har lämnat relationen och behöver stöd "
    "med nya id-handlingar, bankkort och en ansökan om skyddade personuppgifter.",
    "Syntetisk berättelse för demonstration: personen berättar om våld i nära relation och "
    "kontroll från familjen, och vill ha samtalsstöd och hjälp att bygga ett nytt nätverk.",
    "Syntetisk berättelse för demonstration: personen söker stöd efter att ha flyttat från "
    "den som utövat våld och vill berätta sin historia en gång för alla enheter.",
)

MINUTES = (
    "Syntetiskt protokoll för demonstration: gemensamt utredningsmöte. Enheterna gick igenom "
    "personens berättelse och behov; var och en bedömer sitt område till nästa möte.",
    "Syntetiskt protokoll för demonstration: planeringsmöte. Insatserna samordnades och "
    "planens åtgärder fördelades mellan enheterna.",
    "Syntetiskt protokoll för demonstration: uppföljningsmöte. Planen följdes upp med "
    "personen; några åtgärder är klara, andra flyttades fram.",
    "Syntetiskt protokoll för demonstration: möte om boendet. Checklistan mot stadigvarande "
    "boende gicks igenom: bostadskö, förtur och SHIS Bostäder.",
)

# Areas each kind of unit assesses, with a short- and a long-term need.
NEEDS = {
    UnitKind.RVT: {
        NeedArea.PROTECTION: (
            "Säkerhetsplan och riskbedömning upprepas vid förändring (syntetiskt).",
            "Varaktigt skydd och trygghet i vardagen (syntetiskt).",
        ),
        NeedArea.LEGAL_PROCESS: (
            "Stöd inför förhör och rättegång (syntetiskt).",
            "Skyddande åtgärder efter avslutad rättsprocess (syntetiskt).",
        ),
        NeedArea.SOCIAL_NETWORK: (
            "Stödsamtal för att bryta isolering (syntetiskt).",
            "Ett eget socialt nätverk utan kontakt med den som utövat våld (syntetiskt).",
        ),
        NeedArea.HOUSING: (
            "Tryggt tillfälligt boende (syntetiskt).",
            "Stadigvarande boende med eget kontrakt (syntetiskt).",
        ),
    },
    UnitKind.EKONOMISKT_BISTAND: {
        NeedArea.ECONOMY: (
            "Försörjning under tiden i skyddat boende (syntetiskt).",
            "Egen försörjning och hantering av skulder (syntetiskt).",
        ),
        NeedArea.OCCUPATION: (
            "Kartläggning av arbete och studier (syntetiskt).",
            "Sysselsättning eller studier på sikt (syntetiskt).",
        ),
        NeedArea.PRACTICAL_SUPPORT: (
            "Nytt bankkort, BankID och id-handlingar (syntetiskt).",
            "Egen hantering av ekonomi och myndighetskontakter (syntetiskt).",
        ),
    },
    UnitKind.BARN_UNGA: {
        NeedArea.CHILDREN: (
            "Barnens skolgång och trygghet under flytten (syntetiskt).",
            "Bearbetande samtal för barnen, till exempel Trappan (syntetiskt).",
        ),
    },
    UnitKind.VUXEN_BEROENDE: {
        NeedArea.HEALTH: (
            "Kontakt med beroendevården (syntetiskt).",
            "Stabil hälsa och fortsatt behandling (syntetiskt).",
        ),
        NeedArea.PRACTICAL_SUPPORT: (
            "Boendestöd i vardagen (syntetiskt).",
            "Självständigt boende med glesare stöd (syntetiskt).",
        ),
    },
}

ACTIONS = {
    UnitKind.RVT: (
        "Ansökan om skyddade personuppgifter",
        "Intyg för förtur hos Bostadsförmedlingen",
        "Säkerhetsplanen följs upp med personen",
        "Stöd att ställa sig i bostadskön",
        "Kontakt med polisen om kontaktförbud",
    ),
    UnitKind.EKONOMISKT_BISTAND: (
        "Ansökan om ekonomiskt bistånd prövas",
        "Stöd att skaffa nytt bankkort och BankID",
        "Ansökan om bostadsbidrag",
    ),
    UnitKind.BARN_UNGA: (
        "Barnsamtal (Här och nu)",
        "Kontakt med förskola och skola om barnens placering",
    ),
    UnitKind.VUXEN_BEROENDE: (
        "Kontakt med beroendemottagningen",
        "Boendestöd planeras",
    ),
}

CONSENT_PURPOSES = (
    "Samordnat stöd inom Bryt upp",
    "Samordnat stöd inom Bryt upp: gemensam utredning och planering",
)
PARTNER_CONSENT_PURPOSE = "Samordnat stöd med externa parter inom Bryt upp"

PROTECTED_HOUSING_PROVIDERS = (
    "Kriscentrum",
    "Skyddat boende Demogården (syntetiskt)",
    "Kvinnojouren Provhuset (syntetisk)",
    "Skyddat boende Exempelhemmet (syntetiskt)",
)

FOLLOW_UP_NOTES = (
    "Syntetisk uppföljning för demonstration: insatsen följdes upp med personen.",
    "Syntetisk uppföljning för demonstration: personen beskriver en tryggare vardag.",
    "Syntetisk uppföljning för demonstration: delvis uppnått, insatsen fortsätter.",
)

# Who else takes part in a SIP besides the social services' units.
SIP_REGION_PARTICIPANTS = (
    "Region Stockholm, vårdcentral (syntetisk)",
    "Region Stockholm, psykiatrisk mottagning (syntetisk)",
    "Region Stockholm, beroendevård (syntetisk)",
)
