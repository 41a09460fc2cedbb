import type { Metadata } from 'next';
import { ADMINS, requireActor } from '@/app/_auth/session';
import { AdminShell } from '@/components/admin/admin-shell';
import { CalendarForm, HolidayForm, RemoveHolidayForm } from '@/components/admin/sla-forms';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db/client';
import { getSlaAdmin, timeZones, WEEKDAYS } from '@/lib/admin/sla';
import { addHolidayAction, removeHolidayAction, saveCalendarAction } from './actions';

export const metadata: Metadata = { title: 'Business calendars' };

/** Business calendars: a time zone, weekly opening hours and holidays; SLA targets count their hours. */
export default async function CalendarsPage() {
  const actor = await requireActor(ADMINS);
  const { calendars } = await getSlaAdmin(getDb(), actor);
  const zones = timeZones();
  return (
    <AdminShell actor={actor} current="/admin/calendars" title="Business calendars">
      {calendars.map((c) => (
        <Card key={c.id} title={c.name}>
          <div className="space-y-3">
            <p className="text-sm text-slate-700">Time zone {c.timeZone}</p>
            <ul className="text-sm text-slate-700" aria-label={`Opening hours of ${c.name}`}>
              {WEEKDAYS.map(({ weekday, name }) => {
                const open = c.hours.days.filter((d) => d.weekday === weekday);
                return (
                  <li key={weekday}>
                    {name}: {open.length ? open.map((d) => `${d.open}–${d.close}`).join(', ') : 'closed'}
                  </li>
                );
              })}
            </ul>
            <h3 className="text-sm font-semibold text-slate-900">Holidays</h3>
            {c.holidays.length === 0 ? <p className="text-sm text-slate-600">None.</p> : null}
            <ul className="space-y-2" aria-label={`Holidays of ${c.name}`}>
              {c.holidays.map((h) => (
                <li key={h.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <span>
                    {h.day} · {h.name}
                  </span>
                  <RemoveHolidayForm action={removeHolidayAction} holiday={{ id: h.id, label: `${h.name} ${h.day}` }} />
                </li>
              ))}
            </ul>
            <HolidayForm action={addHolidayAction} calendar={c} />
            <details>
              <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit {c.name}</summary>
              <div className="mt-2">
                <CalendarForm action={saveCalendarAction} calendar={c} timeZones={zones} />
              </div>
            </details>
          </div>
        </Card>
      ))}
      <Card title="New calendar">
        <CalendarForm action={saveCalendarAction} timeZones={zones} />
      </Card>
    </AdminShell>
  );
}
