import type { FlowEntry } from "./model";

// shared/seeds/001 (Zhang et al. 2025, Front Endocrinol 16:1625969), Results 3.1 and Figure 1:
// "A total of 1,967 records were identified through database searches: PubMed (380), Embase (436),
// Web of Science (1,145), and Cochrane Library (6). After removing 726 duplicates, 1,241 articles
// underwent title/abstract screening. [...] full-text assessment of 37 articles led to the exclusion
// of 20 studies, with 17 studies [...] meeting the inclusion criteria."
// The article gives no count per full-text reason, so its three reasons are typed as one line.
export const SEED_001_ENTRIES: FlowEntry[] = [
  { field: "database_specific_results", items: [{ label: "PubMed", n: 380 }, { label: "Embase", n: 436 }, { label: "Web of Science", n: 1145 }, { label: "Cochrane Library", n: 6 }] },
  { field: "duplicates", n: 726 },
  { field: "records_screened", n: 1241 },
  { field: "records_excluded", n: 1204 },
  { field: "dbr_sought_reports", n: 37 },
  { field: "dbr_notretrieved_reports", n: 0 },
  { field: "dbr_assessed", n: 37 },
  { field: "dbr_excluded", items: [{ label: "Non-single interventions, unreported outcomes or data extraction issues", n: 20 }] },
  { field: "new_studies", n: 17 },
  { field: "new_reports", n: 17 },
];
