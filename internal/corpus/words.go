package corpus

// The vocabulary of the synthetic archive: our own words, combined at
// random into titles, sentences, theme names and handles.

var themeWords = []string{
	"Grid", "Chip", "Cloud", "Credit", "Rate", "Retail", "Freight", "Battery",
	"Robot", "Model", "Energy", "Housing", "Labour", "Trade", "Bond", "Water",
	"Copper", "Satellite", "Biotech", "Payments",
}

var themeNouns = []string{
	"Storage", "Policy", "Margins", "Supply", "Demand", "Pricing", "Capex",
	"Regulation", "Exports", "Spreads",
}

var handleWords = []string{
	"fab", "grid", "macro", "yield", "tensor", "servo", "ledger", "quant",
	"freight", "policy", "carbon", "orbit", "cargo", "signal", "delta",
	"alpha", "harbor", "vector", "kernel", "prairie", "summit", "ember",
	"copper", "atlas", "tidal",
}

var handleNouns = []string{
	"notes", "watch", "desk", "lab", "daily", "wire", "pulse", "scout",
	"brief", "room", "feed", "tape", "log", "post", "view", "line", "talk",
	"memo", "chart", "field",
}

var subjects = []string{
	"hyperscalers", "chip designers", "regional banks", "utility planners",
	"freight brokers", "open model labs", "battery makers", "grid operators",
	"robot integrators", "bond desks", "payment networks", "insurers",
	"copper miners", "satellite operators", "homebuilders", "central banks",
	"retail investors", "pension funds", "shipping lines", "tool vendors",
}

var verbs = []string{
	"outrun", "underprice", "quietly absorb", "lean into", "walk away from",
	"double down on", "misread", "race toward", "hedge against", "stall on",
	"rediscover", "overbuild", "ration", "reprice", "crowd into",
}

var objects = []string{
	"transformer supply", "inference margins", "long-dated debt",
	"spot capacity", "export licences", "warehouse automation",
	"power purchase deals", "memory pricing", "interconnect queues",
	"cash buffers", "rate cuts", "factory orders", "storage contracts",
	"service revenue", "permitting delays", "the second half",
}

var qualifiers = []string{
	"faster than guidance implies", "while the consensus looks elsewhere",
	"ahead of the next earnings cycle", "as funding costs stay high",
	"despite softer demand signals", "with little room for error",
	"for the third quarter running", "before the data confirms it",
	"at the expense of smaller rivals", "as inventories normalise",
}
