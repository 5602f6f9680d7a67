/**
 * What a host writes for a block of cells: Excel and WPS both take strings like typed input, so a town's text that
 * starts with '=', '+', '-' or '@' would become a formula; officeInputText writes it as text (see core/text.ts).
 */
import { officeInputText } from '../../core/text';

export type CellInput = string | number | boolean | null;

export function inputValues(values: readonly (readonly CellInput[])[]): CellInput[][] {
  return values.map((row) => row.map((v) => (typeof v === 'string' ? officeInputText(v) : v)));
}
