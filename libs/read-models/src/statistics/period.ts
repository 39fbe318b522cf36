/** The tenant and days (both included) a statistics query counts. */
export interface Period {
  tenant: string;
  from: string;
  to: string;
}
