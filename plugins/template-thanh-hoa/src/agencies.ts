// Thanh Hóa's agency directory: the common provincial agencies plus the names its 2025
// Đề án 06 plan prints (still with the district level, and the central bodies it names as
// partners), so those cells normalise instead of warning.
import { PROVINCIAL_AGENCIES, type Agency } from '@dondoc/shared';

const agency = (name: string, aliases: string[] = [], collective = false): Agency => ({ name, aliases, collective });

export const THANH_HOA_AGENCIES: Agency[] = [
  ...PROVINCIAL_AGENCIES,
  // The plan predates the 2025 merger of districts: "UBND cấp huyện" is every district's committee.
  agency('Ủy ban nhân dân cấp huyện', ['UBND cấp huyện', 'UBND các huyện', 'Ủy ban nhân dân các huyện', 'UBND các huyện, thị xã, thành phố'], true),
  agency('Ủy ban nhân dân các xã, phường', ['UBND các xã', 'UBND các xã, phường, thị trấn', 'UBND cấp xã'], true),
  agency('Bảo hiểm xã hội khu vực VI', ['BHXH khu vực VI', 'Bảo hiểm xã hội Khu vực VI']),
  agency('Ngân hàng Nhà nước Chi nhánh Khu vực 7', ['Ngân hàng nhà nước Chi nhánh Khu vực 7', 'Ngân hàng Nhà nước Khu vực 7', 'NHNN Chi nhánh Khu vực 7']),
  agency('Chi cục Thuế khu vực X', ['Chi cục thuế khu vực X']),
  agency('Tòa án nhân dân tỉnh', ['Tòa án nhân dân tỉnh Thanh Hóa', 'TAND tỉnh']),
  agency('Viện kiểm sát nhân dân tỉnh', ['Viện Kiểm sát nhân dân tỉnh', 'VKSND tỉnh']),
  agency('Bộ Công an', ['BCA']),
  agency('Bộ Nông nghiệp và Môi trường', ['Bộ NN&MT']),
];
