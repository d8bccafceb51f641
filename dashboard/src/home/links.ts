/**
 * The home page's links from GET /api/home (HomePayload): the tablet and the reporting compliance page,
 * the wall pages, the displays of each wall, and the workspace for staff and admins. Pure.
 */
import type { HomePayload } from '../../../contract/identity.ts';

export interface HomeLink {
  href: string;
  label: string;
  detail: string | null;
}

export interface HomeSection {
  id: 'tablet' | 'notes' | 'pages' | 'displays' | 'admin';
  title: string;
  links: HomeLink[];
}

const wallHref = (id: string) => `/wall/${encodeURIComponent(id)}`;

export function homeSections(h: HomePayload): HomeSection[] {
  const out: HomeSection[] = [];
  if (h.tablet)
    out.push({
      id: 'tablet',
      title: 'Máy tính bảng',
      links: [
        { href: '/tablet', label: 'Bản đồ tỉnh', detail: 'Chạm vào xã, phường để xem số liệu' },
        // Who is late, by agency and by commune (issue 13): on the tablet's menu too, but a new leader starts here.
        { href: '/compliance', label: 'Tình hình báo cáo', detail: 'Cơ quan, xã, phường nộp đúng hạn, muộn, quá hạn' },
      ],
    });
  if (h.notes)
    out.push({
      id: 'notes',
      title: 'Ghi chú và giải trình',
      links: [{ href: '/notes', label: 'Ghi chú và yêu cầu giải trình', detail: 'Xem, trả lời và theo dõi trạng thái' }],
    });
  if (h.pages.length)
    out.push({
      id: 'pages',
      title: 'Trang màn hình tường',
      links: h.pages.map((p) => ({ href: wallHref(p.id), label: p.title, detail: null })),
    });
  if (h.displays.length)
    out.push({
      id: 'displays',
      title: 'Màn hình của phòng điều hành',
      links: h.displays.map((d) => ({ href: wallHref(d.id), label: d.name, detail: d.wall })),
    });
  if (h.admin)
    out.push({
      id: 'admin',
      title: 'Quản trị',
      links: [
        {
          href: '/workspace',
          label: 'Không gian làm việc',
          detail: 'Soạn trang màn hình tường, danh mục chỉ tiêu, lịch trình, tình trạng dữ liệu',
        },
        {
          href: '/admin',
          label: 'Trang quản trị',
          detail: h.users
            ? 'Màn hình, thiết bị, dữ liệu bị từ chối, người dùng và nhật ký'
            : 'Màn hình, thiết bị và dữ liệu bị từ chối',
        },
      ],
    });
  return out;
}
