import { installOffice } from './browser-fakes';

installOffice();
