import { getContext, setContext } from 'svelte';
import type { DataService } from '../lib/rpc/data-client';
import type { Notebook } from './cell.svelte';

const DATA = Symbol('data-service');
const NOTEBOOK = Symbol('notebook');

export function setDataContext(service: DataService): DataService {
  return setContext(DATA, service);
}

export function getDataContext(): DataService {
  const service = getContext<DataService | undefined>(DATA);
  if (!service) throw new Error('getDataContext: no DataService in context (App must call setDataContext)');
  return service;
}

export function setNotebookContext(notebook: Notebook): Notebook {
  return setContext(NOTEBOOK, notebook);
}

export function getNotebookContext(): Notebook {
  const notebook = getContext<Notebook | undefined>(NOTEBOOK);
  if (!notebook) throw new Error('getNotebookContext: no Notebook in context (App must call setNotebookContext)');
  return notebook;
}
