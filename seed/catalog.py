"""Word lists the generator draws from."""

INDUSTRIES: dict[str, list[str]] = {
    "Education": ["K-12 Schools", "Higher Education", "Libraries", "Training Centres"],
    "Healthcare": ["Hospitals", "Clinics & Physician Offices", "Dental Practices", "Long-term Care"],
    "Government": ["Federal", "State & Local", "Military"],
    "Manufacturing": ["Industrial Machinery", "Electronics", "Food Processing", "Automotive Parts"],
    "Professional Services": ["Legal", "Accounting", "Consulting", "Architecture & Engineering"],
    "Hospitality": ["Hotels", "Restaurants", "Catering"],
    "Construction": ["General Contractors", "Electrical", "Plumbing & HVAC"],
    "Non-profit": ["Charities", "Religious Organisations", "Foundations"],
    "Retail": ["Convenience Stores", "Specialty Retail"],
}
INDUSTRY_WEIGHTS = [0.18, 0.17, 0.11, 0.14, 0.13, 0.08, 0.09, 0.05, 0.05]
UNCLASSIFIED_SHARE = 0.12

PRODUCT_WORDS = [
    ("Nitrile Exam Gloves, Box of 100", "Safety", 1299),
    ("Heavy-Duty Stapler, 60 Sheets", "Office Products", 2499),
    ("Copy Paper, 10 Reams", "Office Products", 4599),
    ("LED Shop Light, 4 ft", "Industrial", 3899),
    ("Disinfecting Wipes, 6 Pack", "Janitorial", 1849),
    ("Safety Glasses, Clear, 12 Pairs", "Safety", 2199),
    ("Packing Tape, 36 Rolls", "Packaging", 5299),
    ("Shipping Boxes 12x9x6, 50 Pack", "Packaging", 3799),
    ("Label Printer Thermal Labels, 20 Rolls", "Office Products", 6499),
    ("Whiteboard Markers, 24 Count", "Office Products", 1599),
    ("Cordless Drill Kit 20V", "Tools", 12999),
    ("Hand Sanitizer Gallon Refill", "Janitorial", 2899),
    ("Ergonomic Office Chair", "Furniture", 24999),
    ("Folding Table 6 ft", "Furniture", 8999),
    ("First Aid Kit, 200 Pieces", "Safety", 3499),
    ("Trash Bags 55 Gal, 100 Count", "Janitorial", 3199),
    ("USB-C Docking Station", "Electronics", 15999),
    ("Wireless Keyboard and Mouse", "Electronics", 4999),
    ("Paper Towels, 12 Rolls", "Janitorial", 2599),
    ("Hi-Vis Safety Vest, 10 Pack", "Safety", 2999),
    ("Lab Coat, White, Unisex", "Lab Supplies", 2799),
    ("Pipette Tips, 1000 Count", "Lab Supplies", 4299),
    ("Coffee Pods, 96 Count", "Breakroom", 4499),
    ("Bottled Water, 24 Pack", "Breakroom", 899),
    ("Ear Plugs, 200 Pairs", "Safety", 2399),
    ("Cable Ties, 1000 Pack", "Industrial", 1499),
    ("Work Gloves Leather, 12 Pairs", "Safety", 4999),
    ("Printer Toner, Black", "Office Products", 8999),
    ("Surge Protector 12 Outlet", "Electronics", 3299),
    ("Step Ladder 6 ft", "Tools", 11999),
]

BRANDS = ["Northline", "ProGrade", "Officium", "SafeHands", "Kraftwerk", "Everyday Pro"]

# Marketplace → rough price multiplier to its currency (USD-based list prices above).
PRICE_FACTOR = {"US": 1, "CA": 1.35, "MX": 17, "UK": 0.8, "DE": 0.92, "FR": 0.92, "IT": 0.92, "ES": 0.92,
                "JP": 150, "IN": 83, "AU": 1.5, "BR": 5, "AE": 3.67}
