import { notFound } from 'next/navigation';
import { AppError } from '@/lib/core/result';

/** A page's read: "not found" and "forbidden" from lib/ become a 404, anything else is a real error. */
export async function loadOr404<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (
      error instanceof AppError &&
      (error.code === 'not_found' || error.code === 'forbidden' || error.code === 'invalid')
    )
      notFound();
    throw error;
  }
}
