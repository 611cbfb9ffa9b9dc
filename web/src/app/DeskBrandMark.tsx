import { BrandMark } from '../ui/BrandMark';
import { useDeskBrand } from './use-desk-brand';

/** The header's brand: the desk's own name and logo as its admin set them, with the area as a subtitle. */
export function DeskBrandMark({ subtitle }: { subtitle?: string }) {
  const brand = useDeskBrand();
  return <BrandMark name={brand.deskName} logoUrl={brand.logoUrl} {...(subtitle === undefined ? {} : { subtitle })} />;
}
